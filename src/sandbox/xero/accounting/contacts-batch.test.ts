import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { conformanceTest } from '../test-support/conformance.js';
import {
  invoiceElement,
  list,
  messagesOf,
  pick,
  startTestSandbox,
  str,
} from '../test-support/harness.js';
import type { TestSandbox } from '../test-support/harness.js';

let t: TestSandbox;
beforeAll(async () => {
  t = await startTestSandbox({ region: 'UK' });
});
afterAll(() => t.stop());

const TAKEN = (name: string) =>
  `The contact name ${name} is already assigned to another contact. The contact name must be unique across all active contacts.`;

describe('contacts (reference §6, spec L3963)', () => {
  it('names are unique among active contacts, whatever the case', async () => {
    await t.api('PUT', '/Contacts', { Contacts: [{ Name: 'Buzz Lightyear' }] });
    const dup = await t.api('PUT', '/Contacts?summarizeErrors=false', {
      Contacts: [{ Name: 'buzz lightyear' }],
    });
    expect(pick(dup.body, 'Contacts.0.HasValidationErrors')).toBe(true);
    expect(messagesOf(dup.body, 'Contacts')).toEqual([TAKEN('buzz lightyear')]);
  });

  it('archiving frees the name; restoring checks it again', async () => {
    const a = str(
      (await t.api('PUT', '/Contacts', { Contacts: [{ Name: 'Woody' }] })).body,
      'Contacts.0.ContactID',
    );
    await t.api('POST', `/Contacts/${a}`, { Contacts: [{ ContactStatus: 'ARCHIVED' }] });
    const b = await t.api('PUT', '/Contacts', { Contacts: [{ Name: 'Woody' }] });
    expect(b.status).toBe(200);
    const restore = await t.api('POST', `/Contacts/${a}`, {
      Contacts: [{ ContactStatus: 'ACTIVE' }],
    });
    expect(restore.status).toBe(400);
    expect(messagesOf(restore.body, 'Contacts')).toEqual([TAKEN('Woody')]);
  });

  it('POST updates by ContactID, and by ContactNumber', async () => {
    const id = str(
      (await t.api('PUT', '/Contacts', { Contacts: [{ Name: 'Jessie', ContactNumber: 'C-1' }] }))
        .body,
      'Contacts.0.ContactID',
    );
    const byNumber = await t.api('POST', '/Contacts', {
      Contacts: [{ ContactNumber: 'C-1', EmailAddress: 'jessie@example.com' }],
    });
    expect(str(byNumber.body, 'Contacts.0.ContactID')).toBe(id);
    expect(pick(byNumber.body, 'Contacts.0.EmailAddress')).toBe('jessie@example.com');
    const byId = await t.api('POST', `/Contacts/${id}`, { Contacts: [{ Name: 'Jessie Cowgirl' }] });
    expect(pick(byId.body, 'Contacts.0.Name')).toBe('Jessie Cowgirl');
    expect(pick((await t.api('GET', '/Contacts/C-1')).body, 'Contacts.0.ContactID')).toBe(id);
  });

  it('needs a name', async () => {
    const res = await t.api('PUT', '/Contacts?summarizeErrors=false', {
      Contacts: [{ EmailAddress: 'x@example.com' }],
    });
    expect(messagesOf(res.body, 'Contacts')).toEqual(['The contact name must be specified.']);
  });

  it('lists without archived contacts unless includeArchived=true', async () => {
    const id = str(
      (await t.api('PUT', '/Contacts', { Contacts: [{ Name: 'Zurg' }] })).body,
      'Contacts.0.ContactID',
    );
    await t.api('POST', `/Contacts/${id}`, { Contacts: [{ ContactStatus: 'ARCHIVED' }] });
    const names = (body: unknown) => list(body, 'Contacts').map((c) => pick(c, 'Name'));
    expect(names((await t.api('GET', '/Contacts')).body)).not.toContain('Zurg');
    expect(names((await t.api('GET', '/Contacts?includeArchived=true')).body)).toContain('Zurg');
  });
});

describe('batches and summarizeErrors (reference §3)', () => {
  const good = (n: string) => invoiceElement({ InvoiceNumber: n });
  const bad = invoiceElement({ Contact: {} });

  it('summarizeErrors=false: 200, each element OK or ERROR with its flag and errors', async () => {
    const res = await t.api('PUT', '/Invoices?summarizeErrors=false', {
      Invoices: [good('B-1'), bad, good('B-2')],
    });
    expect(res.status).toBe(200);
    const statuses = list(res.body, 'Invoices').map((i) => [
      pick(i, 'StatusAttributeString'),
      pick(i, 'HasErrors'),
    ]);
    expect(statuses).toEqual([
      ['OK', false],
      ['ERROR', true],
      ['OK', false],
    ]);
    expect(pick(res.body, 'Invoices.1.InvoiceID')).toBe('00000000-0000-0000-0000-000000000000');
    expect(messagesOf(res.body, 'Invoices', 1)).toHaveLength(1);
  });

  it('default (summarised): a 400 ValidationException listing only the failures, and the valid ones are created', async () => {
    const res = await t.api('PUT', '/Invoices', { Invoices: [good('S-1'), bad, good('S-2')] });
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({
      ErrorNumber: 10,
      Type: 'ValidationException',
      Message: 'A validation exception occurred',
    });
    expect(list(res.body, 'Elements')).toHaveLength(1);
    expect(pick(res.body, 'Elements.0.HasErrors')).toBe(true);
    expect(messagesOf(res.body, 'Elements')).toEqual([
      'The Contact must contain at least 1 of the following elements to identify the contact: Name, ContactID, ContactNumber',
    ]);
    const created = await t.api('GET', '/Invoices?InvoiceNumbers=S-1,S-2');
    expect(list(created.body, 'Invoices')).toHaveLength(2);
  });

  it('all valid (summarised): 200 without StatusAttributeString', async () => {
    const res = await t.api('PUT', '/Contacts', {
      Contacts: [{ Name: 'Batch A' }, { Name: 'Batch B' }],
    });
    expect(res.status).toBe(200);
    expect(list(res.body, 'Contacts')).toHaveLength(2);
    expect(pick(res.body, 'Contacts.0.StatusAttributeString')).toBeUndefined();
  });

  it('PUT creates, POST creates or updates by id', async () => {
    const created = await t.api('POST', '/Invoices?summarizeErrors=false', {
      Invoices: [good('P-1')],
    });
    const id = str(created.body, 'Invoices.0.InvoiceID');
    const updated = await t.api('POST', '/Invoices?summarizeErrors=false', {
      Invoices: [{ InvoiceID: id, Reference: 'via POST' }],
    });
    expect(pick(updated.body, 'Invoices.0.Reference')).toBe('via POST');
    const dup = await t.api('PUT', '/Invoices?summarizeErrors=false', { Invoices: [good('P-1')] });
    expect(messagesOf(dup.body, 'Invoices')).toEqual(['Invoice # must be unique.']);
  });

  it('answers a body that is not JSON with PostDataInvalidException', async () => {
    const res = await t.api('PUT', '/Invoices', '{"Invoices": [');
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ ErrorNumber: 14, Type: 'PostDataInvalidException' });
  });
});

conformanceTest(() => t.exchanges);
