/**
 * What mapping a clinic's records needs from its reference data, read whole at the start of every
 * pull (a clinic has a handful of businesses, taxes, billable items and practitioners: one page
 * each): each business as an entity with its currency, the taxes by name, the billable items and
 * the practitioners by id.
 *
 * Cliniko gives no ISO currency (its settings hold only a symbol), so a business's currency comes
 * from its country, or from the currency given at connect.
 *
 * @module
 */
import type { ClinikoRecord } from './client.js';
import { linkedId } from './client.js';

export interface BusinessEntity {
  readonly entity: string;
  readonly name: string;
  readonly currency: string | undefined;
  readonly country: string;
}

export interface ClinicContext {
  readonly businesses: ReadonlyMap<string, BusinessEntity>;
  /**
   * Patients belong to the clinic, not to one business, but a ledger contact lives in one entity:
   * the clinic's first business. Businesses routed to different Xero organisations therefore
   * share contacts only through that entity (docs/sources-cliniko.md).
   */
  readonly contactEntity: string;
  readonly taxes: ReadonlySet<string>;
  readonly billables: ReadonlyMap<string, { name: string; itemType: string; taxId?: string }>;
  /** Products by id → their name, a product line's category (mapped like a billable item's). */
  readonly products: ReadonlyMap<string, string>;
  readonly practitioners: ReadonlyMap<string, string>;
}

/** Currencies of the countries Cliniko serves (ISO 3166 alpha-2 → ISO 4217). */
const CURRENCY_OF_COUNTRY: Readonly<Record<string, string>> = {
  AU: 'AUD',
  NZ: 'NZD',
  GB: 'GBP',
  UK: 'GBP',
  IE: 'EUR',
  CA: 'CAD',
  US: 'USD',
  SG: 'SGD',
  ZA: 'ZAR',
  HK: 'HKD',
};

const text = (v: unknown): string => (typeof v === 'string' ? v.trim() : '');

/** An entity name from a business id: lower-case letters and digits as the ledger requires. */
export const entityOf = (businessId: string): string =>
  businessId
    .toLowerCase()
    .replace(/[^a-z0-9._-]/g, '-')
    .slice(0, 63);

export function clinicContext(
  reference: {
    businesses: ClinikoRecord[];
    taxes: ClinikoRecord[];
    billables: ClinikoRecord[];
    products?: ClinikoRecord[];
    practitioners: ClinikoRecord[];
  },
  currency: string | undefined,
): ClinicContext {
  const businesses = new Map<string, BusinessEntity>();
  for (const b of reference.businesses) {
    const country = text(b.country_code).toUpperCase();
    businesses.set(b.id, {
      entity: entityOf(b.id),
      name: text(b.business_name) || text(b.display_name) || `Business ${b.id}`,
      currency: currency ?? CURRENCY_OF_COUNTRY[country],
      country: country || text(b.country),
    });
  }
  const practitioners = new Map(
    reference.practitioners.map((p) => [
      p.id,
      [text(p.title), text(p.first_name), text(p.last_name)].filter(Boolean).join(' '),
    ]),
  );
  return {
    businesses,
    contactEntity: [...businesses.values()][0]?.entity ?? 'default',
    taxes: new Set(reference.taxes.map((t) => text(t.name)).filter(Boolean)),
    billables: new Map(
      reference.billables.map((b) => {
        const taxId = linkedId(b.tax);
        return [
          b.id,
          { name: text(b.name), itemType: text(b.item_type), ...(taxId ? { taxId } : {}) },
        ];
      }),
    ),
    products: new Map(
      (reference.products ?? []).map((p) => [p.id, text(p.name)] as const).filter(([, n]) => n),
    ),
    practitioners,
  };
}
