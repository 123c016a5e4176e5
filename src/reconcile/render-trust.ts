/**
 * The three-way trust report as a table, JSON or CSV (trust-report.ts). Amounts as money text;
 * a negative client ledger marked "OVERDRAWN".
 *
 * @module
 */
import { formatUnits } from '../ledger/index.js';
import { csvField } from '../text/csv.js';
import { money, type TrustReport } from './trust-report.js';

export type TrustFormat = 'table' | 'json' | 'csv';

export function renderTrust(format: TrustFormat, reports: readonly TrustReport[]): string {
  if (format === 'json') return `${JSON.stringify(reports.map(trustJson), null, 2)}\n`;
  if (format === 'csv') return trustCsv(reports);
  return `${reports.map(trustTable).join('\n\n')}\n`;
}

/** The report with amounts as text (JSON has no bigint). */
export type TrustJson = ReturnType<typeof trustJson>;

export function trustJson(r: TrustReport) {
  return {
    ...r,
    xeroBank: formatUnits(r.xeroBank, 2),
    ledger: formatUnits(r.ledger, 2),
    clientsTotal: formatUnits(r.clientsTotal, 2),
    balanced: r.problems.length === 0,
    clients: r.clients.map((c) => ({ ...c, balance: formatUnits(c.balance, 2) })),
  };
}

function trustTable(r: TrustReport): string {
  const width = Math.max(
    'Xero trust bank balance'.length,
    ...r.clients.map((c) => `${c.name} / ${c.matter}`.length),
  );
  const line = (label: string, units: bigint, mark = '') =>
    `  ${label.padEnd(width)}  ${money(units).padStart(14)}${mark}`;
  return [
    `Trust account ${r.trustBankAccount || '(not mapped)'} — ${r.organisation}, as at ${r.asOf}`,
    line('Xero trust bank balance', r.xeroBank),
    line('Trust ledger', r.ledger),
    line('Sum of client ledgers', r.clientsTotal),
    '',
    '  Client ledgers',
    ...r.clients.map((c) => line(`${c.name} / ${c.matter}`, c.balance, c.negative ? '  OVERDRAWN' : '')), // prettier-ignore
    '',
    r.problems.length === 0
      ? '  ✓ Balanced: bank = trust ledger = sum of client ledgers, no client overdrawn.'
      : r.problems.map((p) => `  ✗ ${p}`).join('\n'),
  ].join('\n');
}

/** Amounts as plain decimals ("-100.00"): a number, not text, when a spreadsheet opens it. */
function trustCsv(reports: readonly TrustReport[]): string {
  const out = ['organisation,as_of,line,client,matter,amount,flag\r\n'];
  const row = (r: TrustReport, line: string, units: bigint, client = ['', ''], flag = '') =>
    `${[r.organisation, r.asOf, line, ...client].map(csvField).join(',')},${formatUnits(units, 2)},${flag}\r\n`;
  for (const r of reports) {
    out.push(row(r, 'xero_trust_bank', r.xeroBank), row(r, 'trust_ledger', r.ledger));
    out.push(row(r, 'client_ledgers_total', r.clientsTotal));
    for (const c of r.clients)
      out.push(row(r, 'client', c.balance, [c.name, c.matter], c.negative ? 'overdrawn' : ''));
  }
  return out.join('');
}
