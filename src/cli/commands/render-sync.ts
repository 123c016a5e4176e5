/** Human text for a sync report or a plan. */
import type { SyncReport } from '../../sync/run-sync.js';

export function renderSyncReport(r: SyncReport, dryRun: boolean): string {
  const lines: string[] = [];
  if (dryRun) {
    lines.push(
      `Plan (nothing written): ${r.plan.length} decision${r.plan.length === 1 ? '' : 's'}`,
    );
    for (const p of r.plan)
      lines.push(`  ${p.op.padEnd(9)} ${p.label}${p.detail ? ` — ${p.detail}` : ''}`);
  }
  for (const o of r.organisations) {
    const c = o.counts;
    lines.push(`${o.name}: ${o.status}${o.runId ? ` (run #${o.runId})` : ''}`);
    if (!dryRun)
      lines.push(
        `  created ${c.created} · updated ${c.updated} · voided ${c.voided} · deleted ${c.deleted} · linked to existing ${c.matched} · allocated ${c.allocated} · refused ${c.rejected} · write calls ${c.writeCalls}${c.unknown ? ` · outcome unknown ${c.unknown} (resolved ${c.resolved})` : ''}`,
      );
    if (o.error) lines.push(`  ${o.error.message} — ${o.error.fix} [${o.error.code}]`);
  }
  for (const u of r.unrouted)
    lines.push(
      `Not routed: ${u.source}/${u.entity} has documents but no Xero organisation — \`ledgerbridge map route ${u.source}/${u.entity} TENANT_ID\``,
    );
  if (r.organisations.some((o) => o.counts.rejected > 0))
    lines.push('See `ledgerbridge errors` for what was refused and how to fix it.');
  if (r.organisations.length === 0 && r.unrouted.length === 0)
    lines.push(
      'Nothing to sync: no entity is routed to a Xero organisation (`ledgerbridge map route …`).',
    );
  return lines.join('\n');
}
