/** The terminal rendering: the set summary first, then each open difference with cause and fix. */
import { banksTable } from './render-banks.js';
import type { TrustJson } from './render-trust.js';
import {
  CATEGORY_LABELS,
  SUMMARY_ROWS,
  offeredCommands,
  type OrganisationReport,
} from './report.js';

const pad = (s: string, n: number) => s.padEnd(n);
const lpad = (s: string, n: number) => s.padStart(n);

export function renderTable(reports: readonly OrganisationReport[]): string {
  return reports.map(renderOne).join('\n\n');
}

function renderOne({ organisation, result: r, trust }: OrganisationReport): string {
  const lines = [
    `${organisation}: ${r.summary.compared} documents compared${r.asOf ? ` (balances as of ${r.asOf})` : ''}`,
    '',
    `${pad('', 38)}${lpad('Count', 7)}${lpad('Amount', 14)}${lpad('Share', 8)}`,
  ];
  for (const key of SUMMARY_ROWS) {
    const t = r.summary[key];
    lines.push(
      `${pad(CATEGORY_LABELS[key], 38)}${lpad(String(t.count), 7)}${lpad(t.amount, 14)}${lpad(t.share, 8)}`,
    );
  }
  if (r.summary.accepted > 0) lines.push(`(${r.summary.accepted} accepted difference(s) left out)`);
  const open = r.differences.filter((d) => !d.accepted);
  lines.push('', open.length === 0 ? 'Everything agrees.' : `Differences (${open.length}):`);
  for (const d of open) {
    lines.push('', `[${d.id}] ${d.explanation}`, `  Likely cause: ${d.cause}`, `  Fix: ${d.fix}`);
    const commands = offeredCommands(d.id, d.offers);
    if (commands.length > 0) lines.push(`  Offered: ${commands.join('  |  ')}`);
  }
  const uneven = r.balances.filter(
    (b) => b.receivable.ours !== b.receivable.xero || b.payable.ours !== b.payable.xero,
  );
  if (uneven.length > 0) {
    lines.push('', 'Balances that differ (practice system / Xero):');
    for (const b of uneven)
      lines.push(
        `  ${b.contact}: receivable ${b.receivable.ours} / ${b.receivable.xero}, payable ${b.payable.ours} / ${b.payable.xero}`,
      );
  }
  const banks = banksTable(r.banks, r.asOf);
  if (banks.length > 0) lines.push('', ...banks);
  if (trust) lines.push('', ...trustSection(trust));
  return lines.join('\n');
}

/** Three lines: the three balances, and balanced or what is wrong (`trust-report` has the rest). */
function trustSection(t: TrustJson): string[] {
  return [
    `Trust account ${t.trustBankAccount}: Xero ${t.xeroBank} / trust ledger ${t.ledger} / client ledgers ${t.clientsTotal}`,
    ...(t.problems.length === 0
      ? ['  Balanced three ways; no client overdrawn.']
      : t.problems.map((p) => `  ✗ ${p}`)),
  ];
}
