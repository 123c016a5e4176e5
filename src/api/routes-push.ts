/**
 * The push API (FEATURES R4): `POST /sources/{name}/documents` takes a batch of ledger documents
 * and deletion markers — what a PMS would drop as a file — and applies it as one change set
 * (src/sources/push/), then queues a sync of each organisation the source feeds.
 *
 * Who may push: a key bound to the source (`api-keys create --source NAME`; the authentication
 * refuses it every other route), or an admin or accountant. Pushing to a name no source has yet
 * creates it as a push source, as `import --source` creates a file-drop one — with the batch, so a
 * batch refused whole creates nothing.
 *
 * @module
 */
import type { Context } from 'hono';
import { z } from 'zod';
import { LedgerbridgeError } from '../errors/ledgerbridge-error.js';
import { organisationsFedBy } from '../service/pull-job.js';
import { applyPush } from '../sources/push/apply-push.js';
import {
  MAX_PUSH_BYTES,
  parsePushBody,
  pushFormatOf,
  type PushRecord,
} from '../sources/push/push-body.js';
import type { Database } from '../store/database.js';
import { queueSync } from '../service/retry-sync-errors.js';
import { listSources } from '../store/sources-repo.js';
import type { ApiDeps } from './deps.js';
import { defineRoute, type ApiRoute } from './route-table.js';

const NAME_RE = /^[a-z0-9][a-z0-9._-]{0,62}$/;

const PushIssue = z
  .object({
    record: z.number().int().optional().describe('Its place in the batch (1-based), when known'),
    document: z.string().describe('How people name the document: "invoice INV-1 (source id 7)"'),
    field: z.string().describe('The field, e.g. lines[0].unitAmount; empty for the whole record'),
    value: z.unknown().describe('The value as sent'),
    message: z.string(),
  })
  .meta({ id: 'PushIssue' });

const PushedDocument = z
  .object({
    kind: z.string(),
    sourceId: z.string(),
    outcome: z.enum(['added', 'changed', 'deleted', 'unchanged']),
  })
  .meta({ id: 'PushedDocument' });

const PushResult = z
  .object({
    runId: z.number().int(),
    documents: z
      .array(PushedDocument)
      .describe('What the batch did to each accepted document (rejected ones are in issues)'),
    added: z.number().int(),
    changed: z.number().int(),
    deleted: z.number().int(),
    unchanged: z.number().int(),
    rejected: z.number().int().describe('Only with ?partial=true: otherwise a rejection is a 422'),
    replayed: z.boolean().describe('An earlier request with this Idempotency-Key applied it'),
    issues: z.array(PushIssue).describe('The rejected records (the first 100)'),
    queued: z.array(z.string()).describe('Organisations a sync pass was queued for'),
  })
  .meta({ id: 'PushResult' });

const Batch = z
  .array(
    z.unknown().meta({
      description:
        'A ledger document or a deletion marker (docs/ledger-format.md; schema/ledger-document.schema.json)',
    }),
  )
  .describe('A JSON array, or JSON Lines with Content-Type application/x-ndjson');

const Headers = z.object({
  'idempotency-key': z
    .string()
    .regex(/^[\x21-\x7e]{1,200}$/, 'must be 1–200 printable ASCII characters')
    .optional()
    .describe('The same key and body again answers the first answer and applies nothing (24 h)'),
});

const Partial = z.object({
  partial: z
    .enum(['true', 'false'])
    .optional()
    .describe('true: apply the valid records even when others are rejected'),
});

export function pushRoutes(deps: ApiDeps): ApiRoute[] {
  return [
    defineRoute({
      method: 'post',
      path: '/sources/{name}/documents',
      permission: 'operate',
      summary: 'Push documents and deletion markers to a source (one change set)',
      params: z.object({ name: z.string().min(1).max(200) }),
      query: Partial,
      headers: Headers,
      body: Batch,
      bodyTypes: ['application/json', 'application/x-ndjson'],
      readBody: readBatch,
      errors: {
        '409': 'The source is pulled from a practice-management system (LB_PUSH_SOURCE_PULLED)',
        '413': 'Over 10,000 records or 8 MiB (LB_PUSH_TOO_LARGE)',
        '415': 'Neither JSON nor JSON Lines (LB_PUSH_UNSUPPORTED_TYPE)',
        '422':
          'Records were rejected and nothing was applied (LB_PUSH_REJECTED, details.issues), or the Idempotency-Key was used for another batch (LB_PUSH_KEY_REUSED)',
      },
      response: PushResult,
      handle: async ({ params, query, headers, body, principal }) => {
        if (principal.sourceId !== undefined && principal.sourceId !== params.name)
          throw new LedgerbridgeError(
            'LB_AUTH_FORBIDDEN',
            `This API key may only push to the source "${principal.sourceId}"`,
          );
        const newSource = await pushTarget(deps.db, params.name);
        const answer = await applyPush({
          db: deps.db,
          source: params.name,
          newSource,
          records: body as PushRecord[],
          ...(headers['idempotency-key'] && { idempotencyKey: headers['idempotency-key'] }),
          partial: query.partial === 'true',
          actor: principal.name,
          now: new Date(deps.clock.now()),
        });
        if (!answer.replayed) {
          const { added, changed, deleted, unchanged, rejected } = answer;
          deps.onPush?.(params.name, { added, changed, deleted, unchanged, rejected });
        }
        const changed = answer.added + answer.changed + answer.deleted > 0;
        const queued = changed && !answer.replayed ? await queueSyncs(deps, params.name) : [];
        return { ...answer, queued };
      },
    }),
  ];
}

/**
 * Checks the source to push to, never one pulled from a PMS; true when it does not exist yet
 * (applyPush creates it with the batch, so a refused batch leaves no empty source).
 */
async function pushTarget(db: Database, name: string): Promise<boolean> {
  const found = (await listSources(db)).find((s) => s.name === name);
  if (!found) {
    if (!NAME_RE.test(name))
      throw new LedgerbridgeError('LB_USAGE', `"${name}" is not a valid source name`, {
        fix: 'Name the source with lowercase letters, digits, ".", "_" or "-" (at most 63).',
        details: { field: 'name', value: name },
      });
    return true;
  }
  if (found.kind !== 'push' && found.kind !== 'file')
    throw new LedgerbridgeError(
      'LB_PUSH_SOURCE_PULLED',
      `"${name}" is a ${found.kind} source: its documents come from its pulls`,
      { details: { field: 'name', value: name } },
    );
  return false;
}

/** One waiting pass per organisation, as the schedule sends them (src/service/tick-plan.ts). */
async function queueSyncs(deps: ApiDeps, source: string): Promise<string[]> {
  const tenants = await organisationsFedBy(deps.db, source);
  for (const tenantId of tenants) await queueSync(deps.queue, tenantId);
  return tenants;
}

async function readBatch(c: Context): Promise<PushRecord[]> {
  const format = pushFormatOf(c.req.header('content-type'));
  return parsePushBody(await readLimited(c, MAX_PUSH_BYTES), format);
}

/** The body as text, refused as soon as it passes `max` bytes (never read whole first). */
async function readLimited(c: Context, max: number): Promise<string> {
  const declared = Number(c.req.header('content-length') ?? 0);
  if (declared > max) throw tooLarge(max);
  const stream = c.req.raw.body;
  if (!stream) return '';
  const chunks: Uint8Array[] = [];
  let bytes = 0;
  for await (const chunk of stream as unknown as AsyncIterable<Uint8Array>) {
    bytes += chunk.byteLength;
    if (bytes > max) throw tooLarge(max);
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
}

function tooLarge(max: number): LedgerbridgeError {
  return new LedgerbridgeError(
    'LB_PUSH_TOO_LARGE',
    `The body is over ${max / 1024 / 1024} MiB; split the batch`,
    { details: { field: 'body' } },
  );
}
