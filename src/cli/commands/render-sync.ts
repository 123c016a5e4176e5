/** Human text for a sync report or a plan. */
import type { PlanSummary } from '../../sync/plan-tally.js';
import type { SyncReport } from '../../sync/run-sync.js';
import { renderMissing } from './render-mappings.js';

const KIND_NAMES: Record<string, [string, string]> = {
  contact: ['contact', 'contacts'],
  invoice: ['invoice', 'invoices'],
  credit_note: ['credit note', 'credit notes'],
  payment: ['payment', 'payments'],
};

export function renderSyncReport(
  r: SyncReport,
  dryRun: boolean,
  limits: { dailyLimit: number } = { dailyLimit: 5_000 },
): string {
  const lines: string[] = [];
  if (dryRun) lines.push(...renderPlan(r, limits.dailyLimit));
  for (const o of r.organisations) {
    const c = o.counts;
    lines.push(`${o.name}: ${o.status}${o.runId ? ` (run #${o.runId})` : ''}`);
    if (!dryRun)
      lines.push(
        `  created ${c.created} · updated ${c.updated} · voided ${c.voided} · deleted ${c.deleted} · linked to existing ${c.matched} · allocated ${c.allocated} · refused ${c.rejected}${c.waiting ? ` · waiting on another document ${c.waiting}` : ''} · write calls ${c.writeCalls}${c.unknown ? ` · outcome unknown ${c.unknown} (resolved ${c.resolved})` : ''}`,
      );
    if (!dryRun) lines.push(...renderMissing(o.mappings));
    if (o.error) lines.push(`  ${o.error.message} — ${o.error.fix} [${o.error.code}]`);
  }
  for (const u of r.unrouted)
    lines.push(
      `Not routed: ${u.source}/${u.entity} has documents but no Xero organisation — \`ledgerbridge map route ${u.source}/${u.entity} TENANT_ID\``,
    );
  if (r.organisations.some((o) => o.counts.rejected + o.counts.waiting > 0))
    lines.push('See `ledgerbridge errors` for what was refused or waits, and how to fix it.');
  if (r.organisations.length === 0 && r.unrouted.length === 0)
    lines.push(
      'Nothing to sync: no entity is routed to a Xero organisation (`ledgerbridge map route …`).',
    );
  return lines.join('\n');
}

/** The plan: per organisation what it would do and cost, then the first decisions in full. */
function renderPlan(r: SyncReport, dailyLimit: number): string[] {
  const lines = ['Plan (nothing written):'];
  for (const o of r.organisations) {
    lines.push(`${o.name}:`);
    const ops = Object.entries(o.planned.operations);
    if (ops.length === 0) lines.push('  nothing to do');
    for (const [op, kinds] of ops)
      lines.push(
        `  ${op.padEnd(9)} ${Object.entries(kinds)
          .map(([kind, n]) => `${count(n)} ${KIND_NAMES[kind]?.[n === 1 ? 0 : 1] ?? kind}`)
          .join(' · ')}`,
      );
    if (o.planned.writeCalls > 0) lines.push(`  ${cost(o.planned, dailyLimit)}`);
    lines.push(...renderMissing(o.mappings));
  }
  const shown = r.plan.detail.length;
  if (shown > 0) {
    const total = shown + r.plan.more;
    lines.push(
      r.plan.more > 0
        ? `The first ${count(shown)} of ${count(total)} decisions (--limit N shows more):`
        : `${count(total)} decision${total === 1 ? '' : 's'}:`,
    );
    for (const p of r.plan.detail)
      lines.push(`  ${p.op.padEnd(9)} ${p.label}${p.detail ? ` — ${p.detail}` : ''}`);
  }
  return lines;
}

/** "≈ 64 Xero write calls: about 2 min at Xero's 60 calls a minute" (and days past the daily allowance). */
function cost(planned: PlanSummary, dailyLimit: number): string {
  const calls = planned.writeCalls;
  const minutes = Math.max(1, Math.ceil(calls / 60));
  const days = Math.ceil(calls / dailyLimit);
  const time = minutes < 90 ? `about ${minutes} min` : `about ${Math.round(minutes / 60)} h`;
  return `≈ ${count(calls)} Xero write call${calls === 1 ? '' : 's'}: ${time} at Xero's 60 calls a minute${
    days > 1 ? `, over ${days} days at the organisation's ${count(dailyLimit)} calls a day` : ''
  }`;
}

const count = (n: number) => n.toLocaleString('en');
