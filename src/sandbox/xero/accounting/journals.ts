/**
 * Manual journals (reference §10; spec ManualJournal L22888): a Narration, at least two lines,
 * debits positive and credits negative, and they must balance — "The total debits (100.00) must
 * equal total credits (-10.00)" (spec L10186). LineAmountTypes defaults to NoTax; an unknown
 * account code is removed with a warning, as on invoices (spec L10184).
 *
 * Statuses: DRAFT → POSTED | DELETED; POSTED → VOIDED; VOIDED and DELETED are final. POSTED
 * journals are subject to lock dates.
 *
 * @module
 */
import { randomUUID } from 'node:crypto';
import { asObject, readArray, readBool, readText } from '../wire.js';
import type { WireObject } from '../wire.js';
import { failed, succeeded } from './batch.js';
import type { ElementOutcome } from './batch.js';
import { Problems } from './context.js';
import type { WriteContext } from './context.js';
import { readDate, readLineAmountTypes } from './document-draft.js';
import type { WriteElement } from './entity.js';
import { readLines } from './lines.js';
import { lockProblem } from './lock-dates.js';
import { byId } from './lookup.js';
import {
  MSG,
  existingNotFound,
  invalidField,
  journalUnbalanced,
  statusNotAllowedOnCreate,
} from './messages.js';
import type { JournalLine, JournalStatus, LineAmountTypes, ManualJournal } from './model.js';
import { renderJournal } from './journal-render.js';

const SHAPE = { idField: 'ManualJournalID' } as const;
const STATUSES: readonly JournalStatus[] = ['DRAFT', 'POSTED', 'DELETED', 'VOIDED', 'ARCHIVED'];
const CREATABLE: readonly JournalStatus[] = ['DRAFT', 'POSTED'];

/** Moves a client may request, from → to (staying put is always allowed). */
export const JOURNAL_TRANSITIONS: Readonly<Record<JournalStatus, readonly JournalStatus[]>> = {
  DRAFT: ['POSTED', 'DELETED'],
  POSTED: ['VOIDED'],
  VOIDED: [],
  DELETED: [],
  ARCHIVED: [],
};

export const writeJournal: WriteElement = (ctx, element, _mode, pathId) => {
  const id = pathId ?? readText(element, 'ManualJournalID');
  const existing = id !== undefined ? byId(ctx.org.manualJournals, id) : undefined;
  if (id !== undefined && !existing)
    return failed(SHAPE, element, [existingNotFound('Manual Journal', 'ManualJournalID')]);
  return writeOne(ctx, element, existing);
};

/** Journal lines: each line's LineAmount is the line as entered, read through the line reader. */
function readJournalLines(
  ctx: WriteContext,
  raw: unknown[],
  types: LineAmountTypes,
  problems: Problems,
): JournalLine[] {
  const asLines = raw.map((value) => {
    const line = asObject(value) ?? {};
    return { ...line, Quantity: 1, UnitAmount: line.LineAmount, LineAmount: undefined };
  });
  return readLines(ctx, asLines, { lineAmountTypes: types, allowDiscounts: false }, problems).map(
    (l) => ({
      lineAmount: l.lineAmount,
      taxAmount: l.taxAmount,
      tracking: l.tracking,
      ...(l.accountCode !== undefined
        ? { accountCode: l.accountCode, accountId: l.accountId }
        : {}),
      ...(l.description !== undefined ? { description: l.description } : {}),
      ...(l.taxType !== undefined ? { taxType: l.taxType } : {}),
    }),
  );
}

function checkBalance(
  lines: readonly JournalLine[],
  types: LineAmountTypes,
  problems: Problems,
): void {
  let debits = 0n;
  let credits = 0n;
  for (const line of lines) {
    const amount = types === 'Exclusive' ? line.lineAmount + line.taxAmount : line.lineAmount;
    if (amount > 0n) debits += amount;
    else credits += amount;
  }
  if (debits + credits !== 0n) problems.error(journalUnbalanced(debits, credits));
}

function readStatus(
  element: WireObject,
  base: ManualJournal | undefined,
  problems: Problems,
): JournalStatus {
  const text = readText(element, 'Status')?.toUpperCase();
  const status = STATUSES.find((s) => s === text) ?? base?.status ?? 'DRAFT';
  if (text !== undefined && !STATUSES.includes(text as JournalStatus))
    problems.error(invalidField('Status'));
  if (!base && !CREATABLE.includes(status))
    problems.error(statusNotAllowedOnCreate(status, 'manual journal'));
  if (base && status !== base.status && !JOURNAL_TRANSITIONS[base.status].includes(status)) {
    problems.error('Manual Journal not of valid status for modification');
  }
  return status;
}

function writeOne(
  ctx: WriteContext,
  element: WireObject,
  base: ManualJournal | undefined,
): ElementOutcome {
  const problems = new Problems();
  const narration = readText(element, 'Narration') ?? base?.narration;
  if (!narration) problems.error(MSG.narrationRequired);
  const types = readLineAmountTypes(element, base?.lineAmountTypes ?? 'NoTax', problems);
  const raw = readArray(element, 'JournalLines');
  const lines = raw ? readJournalLines(ctx, raw, types, problems) : (base?.lines ?? []);
  if (lines.length < 2) problems.error(MSG.journalTwoLines);
  checkBalance(lines, types, problems);
  const status = readStatus(element, base, problems);
  const date = readDate(element, 'Date', base?.date ?? ctx.today, problems) ?? ctx.today;
  const locked =
    (status === 'POSTED' || status === 'VOIDED' ? lockProblem(ctx.org, date) : undefined) ??
    (base?.status === 'POSTED' ? lockProblem(ctx.org, base.date) : undefined);
  if (locked) problems.error(locked);
  const echo = base ? { ...element, ManualJournalID: base.id } : element;
  if (problems.failed || !narration) return failed(SHAPE, echo, problems.errors, problems.warnings);
  const url = readText(element, 'Url') ?? base?.url;
  const journal: ManualJournal = {
    id: base?.id ?? randomUUID(),
    narration,
    date,
    status,
    lineAmountTypes: types,
    lines,
    showOnCashBasisReports:
      readBool(element, 'ShowOnCashBasisReports') ?? base?.showOnCashBasisReports ?? true,
    updatedAt: ctx.now,
    ...(url !== undefined ? { url } : {}),
  };
  ctx.org.manualJournals.set(journal.id, journal);
  return succeeded(renderJournal(journal), problems.warnings);
}
