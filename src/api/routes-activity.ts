/**
 * What happened: runs, open sync errors (and retrying them) and the audit log. These tables grow
 * without bound, so each list is one keyset query on its primary key (docs/api.md).
 *
 * @module
 */
import { z } from 'zod';
import { retrySyncErrors } from '../service/retry-sync-errors.js';
import { pageAudit } from '../store/audit-repo.js';
import { getRun, pageRuns } from '../store/runs-repo.js';
import {
  countOpenSyncErrorsByCode,
  listOpenSyncErrors,
  pageOpenSyncErrors,
  type SyncErrorRow,
} from '../store/sync-errors-repo.js';
import { notFound } from './api-error.js';
import type { ApiDeps } from './deps.js';
import { keysetPage, PageQuery, pageSchema } from './paging.js';
import { defineRoute, type ApiRoute, type RouteInput } from './route-table.js';

const Run = z
  .object({
    id: z.number().int(),
    kind: z.enum(['import', 'sync', 'resync', 'reconcile', 'pull']),
    source: z.string().nullable(),
    tenantId: z.string().nullable(),
    status: z.enum(['running', 'succeeded', 'partial', 'failed']),
    startedAt: z.iso.datetime(),
    finishedAt: z.iso.datetime().nullable(),
    stats: z.record(z.string(), z.unknown()),
    error: z.string().nullable(),
  })
  .meta({ id: 'Run' });

const SyncError = z
  .object({
    id: z.number().int(),
    source: z.string(),
    kind: z.string(),
    sourceId: z.string(),
    tenantId: z.string().nullable(),
    code: z.string(),
    message: z.string(),
    xeroMessage: z.string().nullable().optional(),
    fix: z.string(),
    blocks: z.array(z.string()).optional(),
    occurrences: z.number().int(),
    firstSeenAt: z.iso.datetime(),
    lastSeenAt: z.iso.datetime(),
  })
  .meta({ id: 'SyncError' });

const AuditEntry = z
  .object({
    id: z.number().int(),
    at: z.iso.datetime(),
    actor: z.string(),
    action: z.string(),
    source: z.string().optional(),
    kind: z.string().optional(),
    sourceId: z.string().optional(),
    tenantId: z.string().optional(),
    xeroId: z.string().optional(),
    outcome: z.string().optional(),
    detail: z.record(z.string(), z.unknown()),
  })
  .meta({ id: 'AuditEntry' });

const Retried = z
  .object({
    retried: z.number().int().describe('Sync errors whose documents will be planned again'),
    queued: z.array(z.string()).describe('Organisations a sync pass was queued for'),
  })
  .meta({ id: 'Retried' });

const Id = z.object({ id: z.coerce.number().int().positive() });

const retry = (
  deps: ApiDeps,
  errors: readonly SyncErrorRow[],
  input: RouteInput<unknown, unknown, unknown>,
  scope: Record<string, unknown>,
) => retrySyncErrors(deps, errors, input.principal.name, scope);

export function activityRoutes(deps: ApiDeps): ApiRoute[] {
  return [...runRoutes(deps), ...syncErrorRoutes(deps), ...auditRoutes(deps)];
}

function runRoutes(deps: ApiDeps): ApiRoute[] {
  return [
    defineRoute({
      method: 'get',
      path: '/runs',
      permission: 'read',
      summary: 'Runs, oldest first',
      query: PageQuery,
      response: pageSchema(Run),
      handle: ({ query }) =>
        keysetPage(query, (afterId, limit) => pageRuns(deps.db, afterId, limit)),
    }),
    defineRoute({
      method: 'get',
      path: '/runs/{id}',
      permission: 'read',
      summary: 'One run',
      params: Id,
      response: Run,
      handle: async ({ params }) =>
        (await getRun(deps.db, params.id)) ?? Promise.reject(notFound('run', String(params.id))),
    }),
  ];
}

function syncErrorRoutes(deps: ApiDeps): ApiRoute[] {
  return [
    defineRoute({
      method: 'get',
      path: '/sync-errors/codes',
      permission: 'read',
      summary: 'Open sync errors grouped by code, with the fix for each',
      response: z.object({
        items: z.array(z.object({ code: z.string(), count: z.number().int() })),
      }),
      handle: async () => ({ items: await countOpenSyncErrorsByCode(deps.db) }),
    }),
    defineRoute({
      method: 'get',
      path: '/sync-errors',
      permission: 'read',
      summary: 'Open sync errors, by id',
      query: PageQuery.extend({ code: z.string().optional(), tenantId: z.string().optional() }),
      response: pageSchema(SyncError),
      handle: ({ query }) =>
        keysetPage(query, (afterId, limit) =>
          pageOpenSyncErrors(deps.db, {
            afterId,
            limit,
            code: query.code,
            tenantId: query.tenantId,
          }),
        ),
    }),
    defineRoute({
      method: 'get',
      path: '/sync-errors/{id}',
      permission: 'read',
      summary: 'One open sync error',
      params: Id,
      response: SyncError,
      handle: async ({ params }) => {
        const [row] = await listOpenSyncErrors(deps.db, { id: params.id });
        if (!row) throw notFound('sync error', String(params.id));
        return row;
      },
    }),
    defineRoute({
      method: 'post',
      path: '/sync-errors/{id}/retry',
      permission: 'operate',
      summary: 'Retry one sync error',
      params: Id,
      response: Retried,
      handle: async (input) => {
        const open = await listOpenSyncErrors(deps.db, { id: input.params.id });
        if (open.length === 0) throw notFound('sync error', String(input.params.id));
        return retry(deps, open, input, { id: input.params.id });
      },
    }),
    defineRoute({
      method: 'post',
      path: '/sync-errors/retry',
      permission: 'operate',
      summary: 'Retry every open sync error, or those of one code or organisation',
      body: z.object({ code: z.string().optional(), tenantId: z.string().optional() }).strict(),
      response: Retried,
      handle: async (input) => {
        const open = (
          await listOpenSyncErrors(
            deps.db,
            input.body.tenantId ? { tenantId: input.body.tenantId } : {},
          )
        ).filter((e) => input.body.code === undefined || e.code === input.body.code);
        return retry(deps, open, input, input.body);
      },
    }),
  ];
}

function auditRoutes(deps: ApiDeps): ApiRoute[] {
  return [
    defineRoute({
      method: 'get',
      path: '/audit',
      permission: 'read',
      summary: 'The audit log, oldest first',
      query: PageQuery.extend({
        action: z.string().optional(),
        actor: z.string().optional(),
        from: z.iso.datetime({ offset: true }).optional().describe('Entries at or after'),
        to: z.iso.datetime({ offset: true }).optional().describe('Entries before'),
      }),
      response: pageSchema(AuditEntry),
      handle: ({ query }) =>
        keysetPage(query, (afterId, limit) =>
          pageAudit(deps.db, {
            afterId,
            limit,
            action: query.action,
            actor: query.actor,
            from: query.from ? new Date(query.from) : undefined,
            to: query.to ? new Date(query.to) : undefined,
          }),
        ),
    }),
  ];
}
