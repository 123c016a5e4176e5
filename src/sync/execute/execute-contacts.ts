/**
 * Contacts: match new ones to existing Xero contacts (by our contact code after a crash, else by
 * name and e-mail), create the rest in batches, update changed ones.
 *
 * @module
 */
import { text } from '../../xero/wire.js';
import type { Operation } from '../plan/operation.js';
import { loadContactIndex } from './contact-index.js';
import { pushBatches } from './push-batch.js';
import { emptyOutcomes, recordOutcomes, succeeded } from './record.js';
import type { RunContext } from './run-context.js';

type ContactOp = Extract<Operation, { kind: 'contact'; op: 'create' | 'update' }>;

export async function executeContacts(rc: RunContext, ops: readonly ContactOp[]): Promise<void> {
  const creates = ops.filter((o) => o.op === 'create');
  const toCreate: ContactOp[] = [];
  if (creates.length > 0) {
    const index = await loadContactIndex(rc);
    const outcomes = emptyOutcomes();
    for (const op of creates) {
      const existing =
        index.byContactNumber(op.payload.ContactNumber ?? '') ??
        (op.match ? index.match(op.match.name, op.match.email) : undefined);
      if (!existing) {
        toCreate.push(op);
        continue;
      }
      const ours = existing.contactNumber === op.payload.ContactNumber;
      succeeded(
        outcomes,
        rc,
        {
          ...op,
          notes: [
            ours
              ? 'found again by its contact code'
              : `linked to the existing Xero contact "${existing.name}" (same name and e-mail)`,
          ],
        },
        existing.id,
        undefined,
        { xeroName: existing.name, matched: !ours },
        op.payload,
      );
      rc.counts.matched++;
    }
    await recordOutcomes(rc, outcomes);
  }
  const spec = {
    collection: 'Contacts' as const,
    payload: (op: ContactOp) => op.payload as unknown as Record<string, unknown>,
    lookup: (op: ContactOp) => ({ ContactNumber: op.payload.ContactNumber ?? '' }),
    linkState: (op: ContactOp, element: Record<string, unknown>) => ({
      xeroName: text(element.Name, op.payload.Name),
      matched: false,
    }),
  };
  await pushBatches(rc, toCreate, {
    ...spec,
    method: 'PUT',
    operation: 'create-contacts',
    counted: 'created',
  });
  const updates = ops.filter(
    (o): o is ContactOp & { xeroId: string } => o.op === 'update' && o.xeroId !== undefined,
  );
  await pushBatches(rc, updates, {
    ...spec,
    method: 'POST',
    operation: 'update-contacts',
    counted: 'updated',
    payload: (op) => ({ ...op.payload, ContactID: op.xeroId }),
  });
}
