/**
 * `PUT /{CreditNotes|Overpayments|Prepayments}/{id}/Allocations` (with summarizeErrors) and
 * `DELETE …/Allocations/{AllocationID}`, which answers the Allocation itself with IsDeleted true
 * (spec L6548–6574: schema `Allocation`).
 *
 * @module
 */
import type { Hono } from 'hono';
import type { SandboxEnv } from '../http/env.js';
import { notFound, parseJson, postDataInvalid, send } from '../http/env.js';
import type { SandboxServices } from '../services.js';
import { allocate, deleteAllocation } from './allocations.js';
import { batchAnswer, readElements, readSummarize, validationException } from './batch.js';
import type { CreditSourceKind } from './model.js';
import { apiContext } from './routes.js';

const SOURCES: [collection: string, kind: CreditSourceKind][] = [
  ['CreditNotes', 'CREDITNOTE'],
  ['Overpayments', 'OVERPAYMENT'],
  ['Prepayments', 'PREPAYMENT'],
];

const SHAPE = { collection: 'Allocations', idField: 'AllocationID' } as const;

export function registerAllocations(api: Hono<SandboxEnv>, services: SandboxServices): void {
  for (const [collection, kind] of SOURCES) {
    api.put(`/${collection}/:id/Allocations`, async (c) => {
      const elements = readElements(parseJson(await c.req.text()), 'Allocations');
      if (!elements) return send(postDataInvalid());
      const ctx = apiContext(services, c);
      const sourceId = c.req.param('id') ?? '';
      const outcomes = elements.map((e) => allocate(ctx, kind, sourceId, e));
      return send(
        batchAnswer(SHAPE, outcomes, readSummarize(new URL(c.req.url).searchParams), ctx.now),
      );
    });
    api.delete(`/${collection}/:id/Allocations/:allocationId`, (c) => {
      const ctx = apiContext(services, c);
      const result = deleteAllocation(
        ctx,
        kind,
        c.req.param('id') ?? '',
        c.req.param('allocationId') ?? '',
      );
      if (result.ok) return send({ status: 200, body: result.wire });
      if (result.status === 404) return notFound();
      return send({
        status: 400,
        body: validationException([
          { ValidationErrors: result.errors.map((Message) => ({ Message })) },
        ]),
      });
    });
  }
}
