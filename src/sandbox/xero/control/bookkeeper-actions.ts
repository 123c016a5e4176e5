/**
 * Bookkeeper actions by name, for `POST /sandbox/organisations/{tenantId}/bookkeeper/{action}`.
 *
 * @module
 */
import { asObject, readText } from '../wire.js';
import type { WireObject } from '../wire.js';
import type { SandboxControl } from './control.js';
import { SandboxControlError } from './control-error.js';

function text(body: WireObject, key: string): string {
  const value = readText(body, key);
  if (value === undefined) throw new SandboxControlError(`${key} is required`);
  return value;
}

type Action = (control: SandboxControl, tenantId: string, body: WireObject) => unknown;

const ACTIONS: Record<string, Action> = {
  'edit-invoice': (k, t, b) =>
    k.bookkeeper.editInvoice(t, text(b, 'invoiceId'), asObject(b.patch) ?? {}),
  'approve-invoice': (k, t, b) => k.bookkeeper.approveInvoice(t, text(b, 'invoiceId')),
  'void-invoice': (k, t, b) => k.bookkeeper.voidInvoice(t, text(b, 'invoiceId')),
  'create-contact': (k, t, b) => k.bookkeeper.createContact(t, asObject(b.contact) ?? {}),
  'update-contact': (k, t, b) =>
    k.bookkeeper.updateContact(t, text(b, 'contactId'), asObject(b.patch) ?? {}),
  'archive-contact': (k, t, b) => k.bookkeeper.archiveContact(t, text(b, 'contactId')),
  'archive-account': (k, t, b) => k.bookkeeper.archiveAccount(t, text(b, 'code')),
};

export function bookkeeperAction(
  control: SandboxControl,
  tenantId: string,
  name: string,
  body: WireObject,
): unknown {
  const action = ACTIONS[name];
  if (!action) throw new SandboxControlError(`unknown bookkeeper action ${name}`, 404);
  return action(control, tenantId, body);
}
