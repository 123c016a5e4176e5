/**
 * Documents: a cursor-paged search (number, contact, status, kind, source, dates) and one
 * document with where it went in Xero and its push history — the same store queries as the
 * dashboard's documents pages (src/store/documents-search.ts).
 *
 * @module
 */
import { z } from 'zod';
import { DOCUMENT_KINDS } from '../ledger/index.js';
import { auditOfDocument } from '../store/audit-repo.js';
import { documentId, parseDocumentId } from '../store/document-id.js';
import { getDocument } from '../store/documents-repo.js';
import { searchDocuments } from '../store/documents-search.js';
import { linksOfDocument } from '../store/links-repo.js';
import { LedgerbridgeError } from '../errors/ledgerbridge-error.js';
import { notFound } from './api-error.js';
import type { ApiDeps } from './deps.js';
import { decodeCursor, PageQuery, pageSchema, toPage } from './paging.js';
import { defineRoute, type ApiRoute } from './route-table.js';

const Day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'is not a date (YYYY-MM-DD)');

const DocumentSummary = z
  .object({
    id: z.string().describe('Stable id for GET /documents/{id}'),
    source: z.string(),
    kind: z.enum(DOCUMENT_KINDS),
    sourceId: z.string(),
    entity: z.string(),
    status: z.string(),
    number: z.string().nullable(),
    contact: z.string().nullable(),
    date: z.string().nullable(),
    total: z.string().nullable().describe('Decimal string, never a float'),
    currency: z.string().nullable(),
    changedAt: z.iso.datetime(),
    deletedAt: z.iso.datetime().nullable(),
    pushed: z.number().int().describe('Organisations it is in'),
  })
  .meta({ id: 'DocumentSummary' });

const DocumentDetail = z
  .object({
    id: z.string(),
    hash: z.string().describe('The version held now'),
    deletedAt: z.iso.datetime().nullable(),
    document: z.record(z.string(), z.unknown()),
    links: z.array(
      z.object({
        tenantId: z.string(),
        xeroId: z.string().nullable(),
        xeroNumber: z.string().nullable(),
        pushedHash: z.string().nullable(),
        pushedAt: z.iso.datetime().nullable(),
        locked: z.boolean(),
      }),
    ),
    history: z.array(
      z.object({
        at: z.iso.datetime(),
        actor: z.string(),
        action: z.string(),
        tenantId: z.string().optional(),
        xeroId: z.string().optional(),
        outcome: z.string().optional(),
      }),
    ),
  })
  .meta({ id: 'Document' });

const SearchQuery = PageQuery.extend({
  number: z.string().max(255).optional(),
  contact: z
    .string()
    .max(255)
    .optional()
    .describe('Words the contact name has words starting with, any case ("alex mor")'),
  status: z.string().max(64).optional(),
  kind: z.enum(DOCUMENT_KINDS).optional(),
  source: z.string().max(200).optional(),
  from: Day.optional().describe('Issue or payment date from, inclusive'),
  to: Day.optional().describe('Issue or payment date to, inclusive'),
});

export function documentRoutes(deps: ApiDeps): ApiRoute[] {
  return [
    defineRoute({
      method: 'get',
      path: '/documents',
      permission: 'read',
      summary: 'Search documents, in key order',
      query: SearchQuery,
      response: pageSchema(DocumentSummary),
      handle: async ({ query }) => {
        const { limit, cursor, ...filter } = query;
        const rows = await searchDocuments(deps.db, {
          ...filter,
          after: afterKey(cursor),
          limit: limit + 1,
        });
        const withIds = rows.map((r) => ({ id: documentId(r), ...r }));
        return toPage(withIds, limit, (r) => r.id);
      },
    }),
    defineRoute({
      method: 'get',
      path: '/documents/{id}',
      permission: 'read',
      summary: 'One document, where it is in Xero and its push history',
      params: z.object({ id: z.string().min(1).max(2048) }),
      response: DocumentDetail,
      handle: async ({ params }) => {
        const key = parseDocumentId(params.id);
        const stored = key && (await getDocument(deps.db, key));
        if (!key || !stored) throw notFound('document', params.id);
        const [links, history] = await Promise.all([
          linksOfDocument(deps.db, key),
          auditOfDocument(deps.db, key),
        ]);
        return {
          id: params.id,
          hash: stored.hash,
          deletedAt: stored.deletedAt,
          document: stored.document,
          links: links.map(({ tenantId, xeroId, xeroNumber, pushedHash, pushedAt, locked }) => ({
            ...{ tenantId, xeroId, xeroNumber, pushedHash, pushedAt, locked },
          })),
          history: history.map(({ at, actor, action, tenantId, xeroId, outcome }) => ({
            ...{ at, actor, action, tenantId, xeroId, outcome },
          })),
        };
      },
    }),
  ];
}

function afterKey(cursor: string | undefined) {
  const id = decodeCursor(cursor);
  if (id === undefined) return undefined;
  const key = typeof id === 'string' ? parseDocumentId(id) : undefined;
  if (!key)
    throw new LedgerbridgeError('LB_USAGE', 'The cursor is not one this list gave out', {
      details: { field: 'cursor', value: cursor },
    });
  return key;
}
