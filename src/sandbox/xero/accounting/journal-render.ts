/**
 * A manual journal in Xero's wire shape (spec ManualJournal L22888, example L10156–10185).
 *
 * @module
 */
import type { WireObject } from '../wire.js';
import type { ManualJournal } from './model.js';
import { dateFields, money, renderTracking, updatedFields } from './render-common.js';

export function renderJournal(journal: ManualJournal): WireObject {
  return {
    ManualJournalID: journal.id,
    ...dateFields('Date', journal.date),
    Status: journal.status,
    LineAmountTypes: journal.lineAmountTypes,
    ...updatedFields(journal.updatedAt, false),
    Narration: journal.narration,
    JournalLines: journal.lines.map((line) => ({
      LineAmount: money(line.lineAmount),
      ...(line.accountCode !== undefined
        ? { AccountCode: line.accountCode, AccountID: line.accountId }
        : {}),
      ...(line.description !== undefined ? { Description: line.description } : {}),
      ...(line.taxType !== undefined ? { TaxType: line.taxType } : {}),
      TaxAmount: money(line.taxAmount),
      Tracking: renderTracking(line.tracking),
      IsBlank: false,
    })),
    ShowOnCashBasisReports: journal.showOnCashBasisReports,
    HasAttachments: false,
    ...(journal.url !== undefined ? { Url: journal.url } : {}),
  };
}
