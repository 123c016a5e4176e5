import { afterEach, describe, expect, it } from 'vitest';
import { disposeWorlds, newWorld } from '../../test/support/xero-world.js';
import { LedgerbridgeError } from '../errors/ledgerbridge-error.js';
import { writeBatch } from './batch-writer.js';
import { readAll } from './reader.js';

const transfer = (reference: string, from = '090') => ({
  FromBankAccount: { Code: from },
  ToBankAccount: { Code: '091' },
  Amount: 100,
  Date: '2026-11-04',
  Reference: reference,
});

// PGlite only: what is tested is the HTTP exchange; the store plays no part.
describe('batch writer', () => {
  afterEach(disposeWorlds);

  it('a transfer batch Xero refuses in part (no summarizeErrors) is an unknown outcome naming the refused element', async () => {
    const world = await newWorld({ backend: 'pglite' });
    const tenantId = world.organisations[0]!.tenantId;
    const error = await writeBatch(world.api, {
      tenantId,
      collection: 'BankTransfers',
      method: 'PUT',
      // 200 is a revenue account: Xero refuses that transfer and creates the other two.
      elements: [transfer('TR-1'), transfer('TR-2', '200'), transfer('TR-3')],
      idempotencyKey: 'k-transfers-1',
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(LedgerbridgeError);
    expect(error).toMatchObject({
      code: 'LB_XERO_OUTCOME_UNKNOWN',
      details: { refused: [{ index: 1, messages: ['A valid bank account must be specified.'] }] },
    });
    const created = await readAll(world.api, { tenantId, collection: 'BankTransfers' });
    expect(created.map((t) => t.Reference)).toEqual(['TR-1', 'TR-3']);
  });
});
