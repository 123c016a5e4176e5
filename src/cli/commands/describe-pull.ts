/**
 * How a pull reads in the CLI: "clinic: 120 added, 3 changed, …", with its rejected records.
 *
 * @module
 */
import type { SourcePull } from '../../sources/source-runtime.js';

/** "clinic: 120 added, 3 changed, 0 deleted, 500 unchanged, 2 rejected (14 requests)". */
export function describePull(p: SourcePull): string[] {
  if (p.refused) return [`${p.source}: not pulled — ${p.refused}`];
  const r = p.report!;
  const c = r.counts;
  const head = `${p.source}: ${c.added} added, ${c.changed} changed, ${c.deleted} deleted, ${c.unchanged} unchanged, ${c.rejected} rejected (${r.requests ?? 0} requests)`;
  const issues = r.issues
    .slice(0, 20)
    .map(
      (i) =>
        `  ${i.document}${i.field ? `: ${i.field} = ${JSON.stringify(i.value)}` : ''} — ${i.message}`,
    );
  const more =
    r.issues.length > 20
      ? [`  … and ${r.issues.length - 20} more (ledgerbridge sources --json)`]
      : [];
  return [head, ...issues, ...more, ...(r.error ? [`  stopped: ${r.error.toLine()}`] : [])];
}
