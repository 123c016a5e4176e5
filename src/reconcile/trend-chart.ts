/**
 * The trend of open differences as an inline SVG chart (pure): one bar per reconciliation, a
 * baseline, the largest count on the left and the first and last days below, so a printed report
 * reads without hovering (each bar's <title> still gives its day and count on screen). Sized in
 * CSS pixels for an A4 page's width: up to 60 runs at 11 px, fewer runs get wider bars.
 *
 * @module
 */
export interface TrendPoint {
  /** ISO timestamp of the reconciliation. */
  readonly at: string;
  readonly open: number;
}

const esc = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
const WIDTH = 660;
const PLOT_H = 100;
const LEFT = 36;
const TOP = 10;

export function trendChart(trend: readonly TrendPoint[]): string {
  if (trend.length < 2) return '';
  const points = trend.slice(-60);
  const max = Math.max(1, ...points.map((t) => t.open));
  const step = Math.min(40, (WIDTH - LEFT) / points.length);
  const base = TOP + PLOT_H;
  const bars = points
    .map((t, i) => {
      const h = Math.round((PLOT_H * t.open) / max);
      const x = LEFT + i * step + 1;
      return `<rect x="${x.toFixed(1)}" y="${base - h}" width="${(step - 2).toFixed(1)}" height="${h}" fill="#456"><title>${esc(t.at.slice(0, 10))}: ${t.open} open</title></rect>`;
    })
    .join('');
  const right = LEFT + points.length * step;
  const text = (x: number, y: number, anchor: string, s: string) =>
    `<text x="${x.toFixed(1)}" y="${y}" text-anchor="${anchor}" font-size="11">${esc(s)}</text>`;
  return `<figure class="trend"><svg xmlns="http://www.w3.org/2000/svg" width="${Math.ceil(right) + 4}" height="${base + 18}" role="img" aria-label="Open differences per reconciliation, ${esc(points[0]!.at.slice(0, 10))} to ${esc(points.at(-1)!.at.slice(0, 10))}">
${bars}<line x1="${LEFT}" y1="${base}" x2="${right.toFixed(1)}" y2="${base}" stroke="#111"/><line x1="${LEFT}" y1="${TOP}" x2="${LEFT}" y2="${base}" stroke="#111"/>
${text(LEFT - 4, TOP + 8, 'end', String(max))}${text(LEFT - 4, base, 'end', '0')}${text(LEFT, base + 14, 'start', points[0]!.at.slice(0, 10))}${text(right, base + 14, 'end', points.at(-1)!.at.slice(0, 10))}</svg>
<figcaption>Open differences per reconciliation (${points.length} runs; now ${points.at(-1)!.open}).</figcaption></figure>`;
}
