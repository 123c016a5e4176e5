import { describe, expect, it } from 'vitest';
import { auSettings } from '../../sync/test-support/au-settings.js';
import { accountsOf, trackingOf } from './map-lists.js';

describe('what Xero offers to map to', () => {
  it('tracking: each option with its status, an archived category’s options as archived, a category without options too', () => {
    const org = auSettings({
      trackingCategories: [
        {
          name: 'Practitioner',
          status: 'ACTIVE',
          options: [
            { name: 'Dr Okafor', status: 'ACTIVE' },
            { name: 'Dr Old', status: 'ARCHIVED' },
          ],
        },
        { name: 'Region', status: 'ARCHIVED', options: [{ name: 'North', status: 'ACTIVE' }] },
        { name: 'Room', status: 'ACTIVE', options: [] },
      ],
    });
    expect(trackingOf(org).rows).toEqual([
      { category: 'Practitioner', option: 'Dr Okafor', status: 'ACTIVE' },
      { category: 'Practitioner', option: 'Dr Old', status: 'ARCHIVED' },
      { category: 'Region', option: 'North', status: 'ARCHIVED' },
      { category: 'Room', option: '', status: 'ACTIVE' },
    ]);
  });

  it('accounts: by code, marking those that take payments', () => {
    const listing = accountsOf(auSettings());
    const payments = listing.columns.find(([title]) => title === 'PAYMENTS')![1];
    expect(listing.rows.map((a) => [a.code, payments(a)])).toEqual([
      ['090', 'yes'],
      ['091', 'yes'],
      ['200', ''],
      ['201', ''],
      ['260', ''],
      ['310', ''],
      ['399', ''],
      ['860', ''],
    ]);
  });
});
