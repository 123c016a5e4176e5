/**
 * What every new Clio account has before anyone works in it: its account owner (the user whose
 * consent the OAuth flow records, `users/who_am_i`), its currency, an operating bank account
 * (the firm's general ledger side; no trust account — the emulator's law firm is trust-free),
 * and the billing settings the practice user's bills take (tax rate 10%, 14 days to pay).
 *
 * @module
 */
import type { FirmBooks } from './firm.js';

const SIGNS: Record<string, string> = { USD: '$', CAD: '$', AUD: '$', EUR: '€', GBP: '£' };

export function setupFirm(books: FirmBooks): void {
  const { firm } = books;
  const owner = books.insert(
    'users',
    {
      name: 'Avery Quill',
      first_name: 'Avery',
      last_name: 'Quill',
      email: 'avery@example.com',
      enabled: true,
    },
    true,
  );
  const currency = books.insert(
    'currencies',
    { code: firm.currency, sign: SIGNS[firm.currency] ?? firm.currency },
    true,
  );
  const bank = books.insert(
    'bank_accounts',
    {
      name: 'Operating Account',
      type: 'Operating',
      account_number: '000123456',
      general_ledger_number: '1000',
      currency: firm.currency,
      currency_id: currency.id,
      balance: 0,
      default_account: true,
    },
    true,
  );
  firm.settings = {
    user: owner.id,
    currency: currency.id,
    bankAccount: bank.id,
    taxRate: 10,
    paymentTermsDays: 14,
  };
}
