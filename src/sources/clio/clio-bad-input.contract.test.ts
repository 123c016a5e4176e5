import { afterEach, describe, expect, it } from 'vitest';
import { BACKENDS } from '../../../test/support/backends.js';
import { FIRM, firmWorld, rewriting, type FirmWorld } from './test-support.js';

type Body = { data: Record<string, unknown>[] };

const DECIMAL: unknown = expect.stringContaining('decimal');
const TAX: unknown = expect.stringContaining('taxable = GST');

/** Edits the records of a list answer (as JSON), leaving the rest of the text as Clio sent it. */
const editing = (edit: (data: Record<string, unknown>[]) => void) => (text: string) => {
  const body = JSON.parse(text) as Body;
  edit(body.data);
  return JSON.stringify(body);
};

describe.each(BACKENDS)('bad input from Clio on %s', (backend) => {
  let w: FirmWorld | undefined;
  afterEach(async () => {
    await w?.dispose();
    w = undefined;
  });

  it('rejects each bad bill by document, field and value, and stores the rest', async () => {
    w = await firmWorld(backend);
    const seed = w.seed!;
    const bad = new Map<number, (b: Record<string, unknown>) => void>([
      [seed.bills.paid, (b) => delete b.total],
      [seed.bills.credited, (b) => (b.total = 876.155)],
      [seed.bills.void, (b) => (b.state = 'archived')],
    ]);
    const report = await w.pull({
      fetch: rewriting(
        '/bills.json',
        editing((data) => data.forEach((b) => bad.get(b.id as number)?.(b))),
      ),
    });
    expect(report.status).toBe('partial');
    expect(report.issues).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          field: 'total',
          value: undefined,
          message: DECIMAL,
        }),
        expect.objectContaining({
          field: 'total',
          value: 876.155,
          message: 'has more than 2 decimal places',
        }),
        expect.objectContaining({ field: 'state', value: 'archived' }),
      ]),
    );
    const invoices = await w.documents('invoice');
    expect(invoices.map((i) => i.source_id)).not.toContain(String(seed.bills.paid));
    expect(invoices).toHaveLength(7 - 3);
  });

  it('rejects a bill whose line has an unknown tax setting (and the payment of it), and reads 64-bit ids and right-to-left names exactly', async () => {
    w = await firmWorld(backend);
    const seed = w.seed!;
    const practice = w.emulator.control.practice(FIRM);
    const big = practice.createContact({ type: 'Person', firstName: 'نور', lastName: 'الهدى' });
    const report = await w.pull({
      fetch: async (input, init) => {
        const url = input instanceof Request ? input.url : String(input);
        if (url.includes('/line_items.json'))
          return rewriting(
            '/line_items.json',
            editing((data) => {
              const line = data.find(
                (l) => (l.bill as { id: number }).id === seed.bills.clientBill,
              );
              if (line) line.taxable = 'GST';
            }),
          )(input, init);
        return rewriting('/contacts.json', (text) =>
          text.replace(`"id":${big},`, '"id":9223372036854775807,'),
        )(input, init);
      },
    });
    expect(report.issues).toEqual([
      expect.objectContaining({
        document: `Clio bill ${seed.bills.clientBill}`,
        field: 'line_items[0]',
        message: TAX,
      }),
      expect.objectContaining({ code: 'LB_SOURCE_MISSING_REFERENCE', field: 'invoiceId' }),
    ]);
    const contacts = await w.documents('contact');
    expect(contacts.find((c) => c.source_id === '9223372036854775807')?.content.name).toBe(
      'نور الهدى',
    );
  });
});
