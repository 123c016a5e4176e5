/**
 * A bookkeeper's contact edit in Xero written back to Clio (FEATURES C3; docs/sources-clio.md,
 * "Contacts both ways"). The latest edit wins:
 *
 * 1. `GET /contacts/{id}.json` reads the version Clio holds now (its `etag` and `updated_at`).
 * 2. If Clio's contact changed after the edit in Xero, Clio's edit is the latest: nothing is
 *    written, and the next pull brings it (and the sync pushes it to Xero).
 * 3. Otherwise `PATCH` with `If-Match: etag` sets only the fields that differ; a 412 means someone
 *    edited the contact in Clio between the two requests, so Clio's edit is again the latest.
 *
 * The e-mail is added as the primary address rather than replacing the list, so the address
 * Clio had stays on the contact, no longer primary. Clio derives a person's `name` from its
 * first and last names, so a person's name edited in Xero cannot be written as one field: that
 * edit is refused and stays reported.
 *
 * @module
 */
import type { ContactEdit, WriteBackOutcome } from '../../ledger/index.js';
import type { ClioClient } from './client.js';

export async function writeClioContact(
  client: ClioClient,
  edit: ContactEdit,
  signal?: AbortSignal,
): Promise<WriteBackOutcome> {
  const path = `/contacts/${encodeURIComponent(edit.sourceId)}.json`;
  const now = await client.record(path, [['fields', 'id,etag,type,updated_at']], signal);
  const clioAt = Date.parse(String(now.updated_at));
  if (clioAt > Date.parse(edit.editedAt)) return superseded(String(now.updated_at));
  if (now.type === 'Person' && edit.fields.name !== undefined)
    return {
      kind: 'refused',
      message:
        "Clio makes a person's name from the first and last names, so a name changed in Xero cannot be written back",
    };
  const answer = await client.patch(path, patchOf(edit), String(now.etag), signal);
  if (answer.status === 412) return superseded('just now');
  if (answer.status === 422)
    return { kind: 'refused', message: `Clio refused the change: ${errorText(answer.body)}` };
  return { kind: 'written', fields: Object.keys(edit.fields) as (keyof ContactEdit['fields'])[] };
}

function patchOf(edit: ContactEdit): Record<string, unknown> {
  const { name, email, taxNumber } = edit.fields;
  return {
    ...(name !== undefined && { name }),
    ...(email !== undefined && {
      email_addresses: [{ name: 'Work', address: email, primary: true }],
    }),
    ...(taxNumber !== undefined && { sales_tax_number: taxNumber }),
  };
}

const superseded = (when: string): WriteBackOutcome => ({
  kind: 'superseded',
  message: `the contact was changed in Clio (${when}) after the edit in Xero, so Clio's version is the latest and wins`,
});

function errorText(body: unknown): string {
  const error = (body as { error?: { message?: unknown } } | undefined)?.error;
  return typeof error?.message === 'string' ? error.message : 'no reason given';
}
