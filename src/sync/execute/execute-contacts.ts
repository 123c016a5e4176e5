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
  const toCreate = await linkExisting(
    rc,
    ops.filter((o) => o.op === 'create'),
  );
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

/**
 * Links each new contact that Xero already holds (ours, found by its contact code after a crash;
 * or the practice's own, by name and e-mail) and returns the ones left to create.
 */
async function linkExisting(rc: RunContext, creates: ContactOp[]): Promise<ContactOp[]> {
  if (creates.length === 0) return [];
  const toCreate: ContactOp[] = [];
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
    const note = ours
      ? 'found again by its contact code'
      : `linked to the existing Xero contact "${existing.name}" (same name and e-mail)`;
    const state = { xeroName: existing.name, matched: !ours };
    succeeded(outcomes, rc, { ...op, notes: [note] }, existing.id, undefined, state, op.payload);
    rc.counts.matched++;
  }
  await recordOutcomes(rc, outcomes);
  rc.observer.decided?.({
    tenantId: rc.tenantId,
    kind: 'contact',
    count: creates.length - toCreate.length,
  });
  return toCreate;
}
