/**
 * A practice user at work in the emulated Cliniko, as the control surface offers it: patients
 * created, edited, archived, deleted and merged; invoices raised, edited, paid, closed, reopened
 * and deleted. Each change stamps `updated_at` (and `deleted_at`, `archived_at`, `closed_at`) the
 * way the API then shows it, so a client's incremental reads see exactly what changed.
 *
 * Cliniko has no "void": a wrong invoice is deleted, and then appears only in `/invoices/deleted`.
 * Money is kept as Cliniko shows it, decimal strings of 3 places ("81.818").
 *
 * @module
 */
import { divideRounded, formatUnits, multiplyUnits, toUnits } from '../../ledger/decimal.js';
import { ClinikoEmulatorError, fieldText, type ClinicTables, type ClinikoRecord } from './state.js';

export const INVOICE_STATUS = { open: 10, paid: 20, closed: 30, openCredit: 40 } as const;
const STATUS_TEXT: Record<number, string> = {
  10: 'Open',
  20: 'Paid',
  30: 'Closed',
  40: 'Open (credit)',
};

/** An item sells a billable item (a service) or, with `productId`, a product from stock. */
export interface NewItem {
  readonly billableItemId?: string;
  readonly productId?: string;
  readonly quantity?: number;
  /** Percent off, up to 4 places as Cliniko keeps it ("18.1818"). */
  readonly discountPercentage?: string;
}

export interface NewInvoice {
  readonly patientId: string;
  readonly businessId: string;
  readonly practitionerId?: string;
  readonly issueDate?: string;
  readonly items: readonly NewItem[];
  readonly notes?: string;
}

const money = (units: bigint) => formatUnits(units, 3);

export class PracticeUser {
  constructor(private readonly t: ClinicTables) {}

  createPatient(fields: Record<string, unknown>): ClinikoRecord {
    return this.t.insert('patients', { merged_at: null, merged_with_patient_id: null, ...fields });
  }

  editPatient(id: string, fields: Record<string, unknown>): ClinikoRecord {
    return this.t.update('patients', id, fields);
  }

  archivePatient(id: string): ClinikoRecord {
    return this.t.update('patients', id, { archived_at: this.t.now() });
  }

  deletePatient(id: string): ClinikoRecord {
    return this.t.update('patients', id, { deleted_at: this.t.now() });
  }

  /** `from` is archived with `merged_with_patient` set; its invoices now belong to `into`. */
  mergePatients(fromId: string, intoId: string): ClinikoRecord {
    this.t.get('patients', intoId);
    if (fromId === intoId)
      throw new ClinikoEmulatorError(400, 'A patient cannot be merged into itself.');
    const now = this.t.now();
    for (const invoice of this.t.state.tables.invoices.values())
      if (invoice.patient_id === fromId)
        this.t.update('invoices', invoice.id, { patient_id: intoId });
    return this.t.update('patients', fromId, {
      archived_at: now,
      merged_at: now,
      merged_with_patient_id: intoId,
    });
  }

  createInvoice(spec: NewInvoice): ClinikoRecord {
    this.t.get('patients', spec.patientId);
    this.t.get('businesses', spec.businessId);
    const number = this.t.state.tables.invoices.size + 1;
    const invoice = this.t.insert('invoices', {
      number,
      issue_date: spec.issueDate ?? this.t.now().slice(0, 10),
      status: INVOICE_STATUS.open,
      status_description: STATUS_TEXT[INVOICE_STATUS.open],
      closed_at: null,
      notes: spec.notes ?? null,
      invoice_to: null,
      patient_id: spec.patientId,
      business_id: spec.businessId,
      practitioner_id: spec.practitionerId ?? null,
      total_amount: '0.000',
      tax_amount: '0.000',
      net_amount: '0.000',
      discounted_amount: '0.000',
    });
    for (const item of spec.items) this.addItem(invoice.id, item);
    return this.retotal(invoice.id);
  }

  /** Replaces the invoice's items (the old ones are deleted, as Cliniko shows an edited invoice). */
  editInvoice(id: string, edit: { items?: readonly NewItem[]; notes?: string }): ClinikoRecord {
    this.t.get('invoices', id);
    if (edit.items) {
      for (const item of this.t.itemsOf(id))
        this.t.update('invoice_items', item.id, { deleted_at: this.t.now() });
      for (const item of edit.items) this.addItem(id, item);
    }
    if (edit.notes !== undefined) this.t.update('invoices', id, { notes: edit.notes });
    return this.retotal(id);
  }

  /**
   * One item taken off an invoice. The invoice is saved again only if its totals change (as a
   * Rails save of unchanged attributes leaves `updated_at` alone): removing a no-charge item
   * leaves the invoice as it was, and only `/invoice_items/deleted` shows the change.
   */
  deleteInvoiceItem(itemId: string): ClinikoRecord {
    const item = this.t.get('invoice_items', itemId);
    if (item.deleted_at !== null)
      throw new ClinikoEmulatorError(404, `invoice_items ${itemId} was deleted.`);
    this.t.update('invoice_items', itemId, { deleted_at: this.t.now() });
    return this.retotal(fieldText(item.invoice_id));
  }

  payInvoice(id: string): ClinikoRecord {
    return this.setStatus(id, INVOICE_STATUS.paid);
  }

  closeInvoice(id: string): ClinikoRecord {
    return this.setStatus(id, INVOICE_STATUS.closed);
  }

  reopenInvoice(id: string): ClinikoRecord {
    return this.setStatus(id, INVOICE_STATUS.open);
  }

  /** Cliniko's way to void: the invoice and its items are deleted. */
  deleteInvoice(id: string): ClinikoRecord {
    const now = this.t.now();
    for (const item of this.t.itemsOf(id))
      this.t.update('invoice_items', item.id, { deleted_at: now });
    return this.t.update('invoices', id, { deleted_at: now });
  }

  private setStatus(id: string, status: number): ClinikoRecord {
    const closed = status === INVOICE_STATUS.paid || status === INVOICE_STATUS.closed;
    return this.t.update('invoices', id, {
      status,
      status_description: STATUS_TEXT[status],
      closed_at: closed ? this.t.now() : null,
    });
  }

  /** Prices are tax-inclusive: net = total ÷ (1 + rate), tax = total − net, each to 3 places. */
  private addItem(invoiceId: string, item: NewItem): ClinikoRecord {
    const sold = this.soldItem(item);
    const tax = sold.tax_id ? this.t.get('taxes', fieldText(sold.tax_id)) : undefined;
    const quantity = item.quantity ?? 1;
    const rate = tax ? toUnits(String(tax.rate)) : 0n;
    // rate is in units of 1/10,000: 10% is 100,000, and 100% is 1,000,000.
    // A billable item's price includes tax; a product's is `price_ex_tax` (pms-apis.md §1).
    const unit = item.productId
      ? divideRounded(toUnits(String(sold.price_ex_tax)) * (1_000_000n + rate), 1_000_000n, 3)
      : toUnits(String(sold.price));
    const gross = multiplyUnits(toUnits(String(quantity)), unit, 4);
    const off = item.discountPercentage
      ? divideRounded(gross * toUnits(item.discountPercentage), 100n * 10_000n, 4)
      : 0n;
    const total = gross - off;
    const net = divideRounded(total * 1_000_000n, 1_000_000n + rate, 3);
    return this.t.insert('invoice_items', {
      invoice_id: invoiceId,
      ...(item.productId ? { product_id: sold.id } : { billable_item_id: sold.id }),
      name: sold.name,
      code: sold.item_code ?? null,
      quantity,
      unit_price: money(unit),
      discount_percentage: item.discountPercentage ?? '0.0',
      is_monetary_discount: false,
      discounted_amount: money(off),
      net_price: money(net),
      tax_name: tax?.name ?? null,
      tax_rate: tax ? String(tax.rate) : null,
      total_including_tax: money(total),
    });
  }

  private soldItem(item: NewItem): ClinikoRecord {
    if (item.productId) return this.t.get('products', item.productId);
    if (item.billableItemId) return this.t.get('billable_items', item.billableItemId);
    throw new ClinikoEmulatorError(422, 'An invoice item needs a billable item or a product.');
  }

  private retotal(id: string): ClinikoRecord {
    const items = this.t.itemsOf(id);
    const sum = (field: string) => money(items.reduce((n, i) => n + toUnits(String(i[field])), 0n));
    const total = items.reduce((n, i) => n + toUnits(String(i.total_including_tax)), 0n);
    const net = items.reduce((n, i) => n + toUnits(String(i.net_price)), 0n);
    const totals: Record<string, unknown> = {
      total_amount: money(total),
      net_amount: money(net),
      tax_amount: money(total - net),
      discounted_amount: sum('discounted_amount'),
    };
    const invoice = this.t.get('invoices', id);
    const same = Object.entries(totals).every(([k, v]) => invoice[k] === v);
    return same ? invoice : this.t.update('invoices', id, totals);
  }
}
