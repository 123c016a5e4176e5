/**
 * Existing Xero contacts, read once per pass when new contacts are to be pushed, to link a PMS
 * contact to the Xero contact of the same name and e-mail instead of duplicating it (FEATURES C2)
 * — and to find our own contacts again by their contact code after a crash.
 *
 * @module
 */
import { readPages } from '../../xero/reader.js';
import { text } from '../../xero/wire.js';
import type { RunContext } from './run-context.js';

export interface XeroContactSummary {
  readonly id: string;
  readonly name: string;
  readonly email: string;
  readonly contactNumber: string;
  readonly status: string;
}

export interface ContactIndex {
  /** The one active contact with this name and e-mail (both compared without case); else undefined. */
  match(name: string, email: string | undefined): XeroContactSummary | undefined;
  byContactNumber(contactNumber: string): XeroContactSummary | undefined;
  add(contact: XeroContactSummary): void;
}

const norm = (s: string) => s.trim().toLowerCase();

/** One read of the organisation's contacts per pass, however many pages of contacts it pushes. */
const perPass = new WeakMap<RunContext, Promise<ContactIndex>>();

export function loadContactIndex(rc: RunContext): Promise<ContactIndex> {
  let index = perPass.get(rc);
  if (!index) perPass.set(rc, (index = readContactIndex(rc)));
  return index;
}

async function readContactIndex(rc: RunContext): Promise<ContactIndex> {
  const byName = new Map<string, XeroContactSummary[]>();
  const byNumber = new Map<string, XeroContactSummary>();
  const add = (c: XeroContactSummary) => {
    byName.set(norm(c.name), [...(byName.get(norm(c.name)) ?? []), c]);
    if (c.contactNumber) byNumber.set(c.contactNumber, c);
  };
  // 1,000 a page: an organisation with 20,000 contacts costs 20 reads once per run.
  for await (const page of readPages(rc.api, {
    tenantId: rc.tenantId,
    collection: 'Contacts',
    pageSize: 1_000,
  }))
    for (const c of page)
      add({
        id: text(c.ContactID),
        name: text(c.Name),
        email: text(c.EmailAddress),
        contactNumber: text(c.ContactNumber),
        status: text(c.ContactStatus, 'ACTIVE'),
      });
  return {
    match(name, email) {
      const same = (byName.get(norm(name)) ?? []).filter(
        (c) => c.status === 'ACTIVE' && norm(c.email) === norm(email ?? ''),
      );
      return same.length === 1 ? same[0] : undefined;
    },
    byContactNumber: (n) => byNumber.get(n),
    add,
  };
}
