/**
 * Mappings per organisation: list, set (checked against the organisation's accounts, tax rates
 * and tracking in Xero first, as `ledgerbridge map check` checks them) and delete.
 *
 * @module
 */
import { z } from 'zod';
import { appendAudit } from '../store/audit-repo.js';
import { saveMapping } from '../service/save-mapping.js';
import { deleteMapping, listMappings, type MappingRow } from '../store/mappings-repo.js';
import { listOrganisations } from '../store/organisations-repo.js';
import { notFound } from './api-error.js';
import type { ApiDeps } from './deps.js';
import { PageQuery, pageInMemory, pageSchema } from './paging.js';
import { defineRoute, type ApiRoute } from './route-table.js';

const MAPPING_TYPES = [
  'line_kind_account',
  'category_account',
  'tax_code',
  'payment_method_account',
  'rounding_account',
  'tracking',
  'bank_account',
  'trust_bank_account',
  'trust_liability_account',
  'bad_debt_account',
  'processor_fee_account',
] as const;

const Mapping = z
  .object({
    tenantId: z.string(),
    source: z.string().describe("A source's own mapping, or * for every source"),
    type: z.enum(MAPPING_TYPES),
    key: z
      .string()
      .describe(
        'The PMS side: a line kind, category, tax code, method, or * for rounding, bad debts, processor fees',
      ),
    value: z.string().describe('The Xero side: an account code, tax type, or CATEGORY=OPTION'),
    problem: z
      .string()
      .nullable()
      .describe('Why the mapping does not fit Xero (null: valid when last checked)'),
  })
  .meta({ id: 'Mapping' });

const MappingKey = z.object({
  tenantId: z.string().min(1),
  type: z.enum(MAPPING_TYPES),
  key: z.string().min(1).max(200),
});
const SourceQuery = z.object({ source: z.string().min(1).default('*') });

async function assertOrganisation(deps: ApiDeps, tenantId: string): Promise<void> {
  if (!(await listOrganisations(deps.db)).some((o) => o.tenantId === tenantId))
    throw notFound('organisation', tenantId);
}

export function mappingRoutes(deps: ApiDeps): ApiRoute[] {
  return [
    defineRoute({
      method: 'get',
      path: '/organisations/{tenantId}/mappings',
      permission: 'read',
      summary: "An organisation's mappings",
      params: z.object({ tenantId: z.string().min(1) }),
      query: PageQuery,
      response: pageSchema(Mapping),
      handle: async ({ params, query }) => {
        await assertOrganisation(deps, params.tenantId);
        return pageInMemory(await listMappings(deps.db, params.tenantId), query, (m) =>
          JSON.stringify([m.source, m.type, m.key]),
        );
      },
    }),
    defineRoute({
      method: 'put',
      path: '/organisations/{tenantId}/mappings/{type}/{key}',
      permission: 'map',
      summary: 'Set a mapping (checked against the organisation in Xero)',
      params: MappingKey,
      query: SourceQuery,
      body: z.object({ value: z.string().min(1).max(200) }).strict(),
      response: Mapping,
      handle: async ({ params, query, body, principal }) => {
        await assertOrganisation(deps, params.tenantId);
        const row: MappingRow = {
          ...params,
          source: query.source,
          value: body.value,
          problem: null,
        };
        await saveMapping(
          deps.db,
          row,
          await deps.organisationSettings(row.tenantId),
          principal.name,
        );
        return row;
      },
    }),
    defineRoute({
      method: 'delete',
      path: '/organisations/{tenantId}/mappings/{type}/{key}',
      permission: 'map',
      summary: 'Delete a mapping',
      params: MappingKey,
      query: SourceQuery,
      response: z.object({ deleted: z.number().int() }),
      handle: async ({ params, query, principal }) => {
        const key = { ...params, source: query.source };
        const deleted = await deps.db.transaction(async (tx) => {
          const n = await deleteMapping(tx, key);
          if (n > 0)
            await appendAudit(tx, [
              {
                action: 'mapping.delete',
                actor: principal.name,
                tenantId: key.tenantId,
                detail: { ...key },
              },
            ]);
          return n;
        });
        if (deleted === 0) throw notFound('mapping', `${params.type}/${params.key}`);
        return { deleted };
      },
    }),
  ];
}
