/**
 * The bank accounts' section of a reconciliation report (bank-accounts.ts) for the terminal, CSV
 * and HTML: per account the practice's ledger, Xero and whether they agree; where they do not,
 * the explanation, likely cause and fix.
 *
 * @module
 */
import type { BankAccountCheck } from './bank-accounts.js';

const label = (b: BankAccountCheck) => `${b.name} (${b.code})`;

/** Terminal lines; none when no account is posted to. */
export function banksTable(
  banks: readonly BankAccountCheck[] | undefined,
  asOf?: string,
): string[] {
  if (!banks || banks.length === 0) return [];
  const width = Math.max(...banks.map((b) => label(b).length));
  const lines = [
    `Bank and clearing accounts (practice's ledger / Xero${asOf ? `, up to ${asOf}` : ''}):`,
  ];
  for (const b of banks) {
    lines.push(
      `  ${label(b).padEnd(width)}  ${b.ledger.padStart(12)}  ${b.xero.padStart(12)}  ${b.agrees ? 'agrees' : 'differs'}`,
    );
    if (!b.agrees)
      lines.push(`  ✗ ${b.explanation}`, `    Likely cause: ${b.cause}`, `    Fix: ${b.fix}`);
  }
  return lines;
}

/** CSV rows in the report's columns: one per account that does not agree. */
export function banksCsvRows(
  organisation: string,
  banks: readonly BankAccountCheck[] | undefined,
): string[][] {
  return (banks ?? [])
    .filter((b) => !b.agrees)
    .map((b) => [
      organisation,
      '',
      'bank_account',
      'movement_differs',
      'account',
      b.code,
      b.difference,
      '',
      '',
      b.explanation ?? '',
      b.cause ?? '',
      b.fix ?? '',
      'false',
    ]);
}

/** An HTML table (`esc` escapes text); empty when no account is posted to. */
export function banksHtml(
  banks: readonly BankAccountCheck[] | undefined,
  esc: (s: string) => string,
): string {
  if (!banks || banks.length === 0) return '';
  const rows = banks
    .map(
      (b) =>
        `<tr><td>${esc(label(b))}</td><td class="n">${esc(b.ledger)}</td><td class="n">${esc(b.xero)}</td><td class="n">${esc(b.difference)}</td><td>${b.agrees ? '<span class="ok">Agrees</span>' : `${esc(b.explanation ?? '')}<br>Likely cause: ${esc(b.cause ?? '')}<br>Fix: ${esc(b.fix ?? '')}`}</td></tr>`,
    )
    .join('');
  return `<h3>Bank and clearing accounts</h3>
<table><thead><tr><th>Account</th><th>Practice's ledger</th><th>Xero</th><th>Difference</th><th></th></tr></thead><tbody>${rows}</tbody></table>`;
}
