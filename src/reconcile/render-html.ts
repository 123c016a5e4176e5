/**
 * A self-contained HTML report that prints well: the summary, the differences with causes and
 * fixes, the balances that differ and the trend of open differences as an inline SVG chart. No
 * scripts and no external assets (an accountant files it as it is); every text is escaped.
 *
 * @module
 */
import { banksHtml } from './render-banks.js';
import { CATEGORY_LABELS, SUMMARY_ROWS, type OrganisationReport } from './report.js';
import { trendChart } from './trend-chart.js';

const esc = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

const STYLE = `body{font:14px/1.4 system-ui,sans-serif;margin:2em;color:#111}
h1{font-size:1.4em}h2{font-size:1.15em;margin-top:2em}
table{border-collapse:collapse;margin:.5em 0}th,td{border:1px solid #999;padding:.25em .6em;text-align:left;vertical-align:top}
td.n{text-align:right;font-variant-numeric:tabular-nums}.ok{color:#064}
figure{margin:.5em 0}figcaption{font-size:.9em;color:#444}thead{display:table-header-group}
@page{size:A4;margin:15mm}
@media print{body{margin:0;font-size:10pt}section+section{break-before:page}h2,h3{break-after:avoid}
tr,figure{break-inside:avoid}svg rect{print-color-adjust:exact;-webkit-print-color-adjust:exact}}`;

export function renderHtml(reports: readonly OrganisationReport[], generatedAt: Date): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Reconciliation</title><style>${STYLE}</style></head>
<body><h1>Reconciliation — ${esc(generatedAt.toISOString().slice(0, 16).replace('T', ' '))} UTC</h1>
${reports.map(section).join('\n')}
</body></html>
`;
}

function section({ organisation, result: r, trend }: OrganisationReport): string {
  const summary = SUMMARY_ROWS.map((k) => {
    const t = r.summary[k];
    return `<tr><td>${esc(CATEGORY_LABELS[k])}</td><td class="n">${t.count}</td><td class="n">${esc(t.amount)}</td><td class="n">${esc(t.share)}</td></tr>`;
  }).join('');
  const open = r.differences.filter((d) => !d.accepted);
  const diffs = open
    .map(
      (d) =>
        `<tr><td>${esc(d.id)}</td><td>${esc(d.explanation)}</td><td>${esc(d.cause)}</td><td>${esc(d.fix)}</td></tr>`,
    )
    .join('');
  return `<section><h2>${esc(organisation)}</h2>
<p>${r.summary.compared} documents compared${r.asOf ? `; balances as of ${esc(r.asOf)}` : ''}${r.summary.accepted ? `; ${r.summary.accepted} accepted difference(s) left out` : ''}.</p>
<table><thead><tr><th></th><th>Count</th><th>Amount</th><th>Share</th></tr></thead><tbody>${summary}</tbody></table>
${open.length === 0 ? '<p class="ok">Everything agrees.</p>' : `<table><thead><tr><th>ID</th><th>Difference</th><th>Likely cause</th><th>Fix</th></tr></thead><tbody>${diffs}</tbody></table>`}
${banksHtml(r.banks, esc)}
${trend.length >= 2 ? `<h3>Open differences over time</h3>${trendChart(trend)}` : ''}</section>`;
}
