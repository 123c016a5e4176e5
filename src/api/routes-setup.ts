/**
 * Sources, organisations, entity routes and sync settings: what an installation is connected to
 * and where each entity's documents go.
 *
 * @module
 */
import { z } from 'zod';
import { readSourceViews } from '../cli/commands/sources.js';
import { saveRoute } from '../service/save-route.js';
import { saveSyncSettings } from '../service/save-sync-settings.js';
import { listOrganisations } from '../store/organisations-repo.js';
import { listRoutes } from '../store/sources-repo.js';
import {
  loadSyncSettings,
  syncSettingsChangeSchema,
  syncSettingsSchema,
} from '../sync/sync-settings.js';
import { callsToday } from '../xero/budget-store.js';
import { XERO_LIMITS } from '../xero/budget.js';
import { notFound } from './api-error.js';
import type { ApiDeps } from './deps.js';
import { PageQuery, pageInMemory, pageSchema } from './paging.js';
import { defineRoute, type ApiRoute } from './route-table.js';

const Source = z
  .object({
    name: z.string(),
    kind: z.enum(['file', 'push', 'clio', 'cliniko', 'actionstep']),
    connection: z
      .string()
      .describe('connected, needs reconnecting, not connected, no connection needed'),
    connectionNote: z.string().optional(),
    entities: z.array(z.object({ entity: z.string(), organisation: z.string().nullable() })),
    lastPull: z
      .object({
        at: z.string(),
        status: z.string(),
        stats: z
          .record(z.string(), z.unknown())
          .describe('added, changed, deleted, unchanged, rejected, requests, throttled'),
        error: z.string().nullable(),
      })
      .optional(),
    cursor: z.record(z.string(), z.unknown()).optional(),
    webhooks: z
      .array(
        z.object({
          model: z.string(),
          status: z.enum(['pending', 'enabled', 'failed', 'expired']),
          expiresAt: z.string().nullable(),
          reason: z.string().nullable(),
        }),
      )
      .optional()
      .describe('Webhook subscriptions held at the PMS, one per model (Clio)'),
  })
  .meta({ id: 'Source' });

const Organisation = z
  .object({
    tenantId: z.string(),
    name: z.string(),
    status: z.enum(['connected', 'needs_reconnect', 'disconnected']),
    statusReason: z.string().nullable(),
    baseCurrency: z.string().nullable(),
    budget: z.object({ callsToday: z.number().int(), dailyLimit: z.number().int() }),
  })
  .meta({ id: 'Organisation' });

const Route = z
  .object({ source: z.string(), entity: z.string(), tenantId: z.string().nullable() })
  .meta({ id: 'Route' });

const Settings = syncSettingsSchema.meta({ id: 'SyncSettings' });

const SettingsChange = syncSettingsChangeSchema.meta({ id: 'SyncSettingsChange' });

const SourceScope = z.object({
  source: z.string().min(1).optional().describe("A source's own values (absent: the global ones)"),
});
const Name = z.object({ name: z.string().min(1).max(200) });
const TenantId = z.object({ tenantId: z.string().min(1).max(100) });

async function organisationViews(deps: ApiDeps) {
  const now = deps.clock.now();
  const orgs = await listOrganisations(deps.db);
  return Promise.all(
    orgs.map(async ({ connectionKind: _kind, ...o }) => ({
      ...o,
      budget: {
        callsToday: await callsToday(deps.db, o.tenantId, now),
        dailyLimit: XERO_LIMITS.perDay,
      },
    })),
  );
}

export function setupRoutes(deps: ApiDeps): ApiRoute[] {
  return [...sourceRoutes(deps), ...organisationRoutes(deps), ...settingsRoutes(deps)];
}

function sourceRoutes(deps: ApiDeps): ApiRoute[] {
  return [
    defineRoute({
      method: 'get',
      path: '/sources',
      permission: 'read',
      summary: 'List sources',
      query: PageQuery,
      response: pageSchema(Source),
      handle: async ({ query }) =>
        pageInMemory(await readSourceViews(deps.db), query, (s) => s.name),
    }),
    defineRoute({
      method: 'get',
      path: '/sources/{name}',
      permission: 'read',
      summary: 'One source',
      params: Name,
      response: Source,
      handle: async ({ params }) => {
        const view = (await readSourceViews(deps.db)).find((s) => s.name === params.name);
        if (!view) throw notFound('source', params.name);
        return view;
      },
    }),
  ];
}

function organisationRoutes(deps: ApiDeps): ApiRoute[] {
  return [
    defineRoute({
      method: 'get',
      path: '/organisations',
      permission: 'read',
      summary: 'List Xero organisations',
      query: PageQuery,
      response: pageSchema(Organisation),
      handle: async ({ query }) =>
        pageInMemory(await organisationViews(deps), query, (o) => o.tenantId),
    }),
    defineRoute({
      method: 'get',
      path: '/organisations/{tenantId}',
      permission: 'read',
      summary: 'One organisation',
      params: TenantId,
      response: Organisation,
      handle: async ({ params }) => {
        const org = (await organisationViews(deps)).find((o) => o.tenantId === params.tenantId);
        if (!org) throw notFound('organisation', params.tenantId);
        return org;
      },
    }),
    defineRoute({
      method: 'get',
      path: '/routes',
      permission: 'read',
      summary: 'List entities and their routes',
      query: PageQuery,
      response: pageSchema(Route),
      handle: async ({ query }) =>
        pageInMemory(await listRoutes(deps.db), query, (r) => JSON.stringify([r.source, r.entity])),
    }),
    defineRoute({
      method: 'put',
      path: '/routes/{source}/{entity}',
      permission: 'map',
      summary: "Send an entity's documents to an organisation",
      params: z.object({ source: z.string().min(1), entity: z.string().min(1) }),
      body: z.object({ tenantId: z.string().min(1) }).strict(),
      response: Route,
      handle: async ({ params, body, principal }) => {
        await saveRoute(deps.db, { ...params, tenantId: body.tenantId }, principal.name);
        return { source: params.source, entity: params.entity, tenantId: body.tenantId };
      },
    }),
  ];
}

function settingsRoutes(deps: ApiDeps): ApiRoute[] {
  return [
    defineRoute({
      method: 'get',
      path: '/settings',
      permission: 'read',
      summary: 'The sync settings in force (for a source with ?source=)',
      query: SourceScope,
      response: Settings,
      handle: ({ query }) => loadSyncSettings(deps.db, query.source ?? ''),
    }),
    defineRoute({
      method: 'patch',
      path: '/settings',
      permission: 'map',
      summary: 'Change some sync settings (for a source with ?source=)',
      query: SourceScope,
      body: SettingsChange,
      response: Settings,
      handle: async ({ query, body, principal }) => {
        await saveSyncSettings(deps.db, body, principal.name, query.source);
        return loadSyncSettings(deps.db, query.source ?? '');
      },
    }),
  ];
}
