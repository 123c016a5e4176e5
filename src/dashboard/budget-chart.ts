/**
 * An organisation's Xero calls today as a small server-rendered SVG bar chart, one bar per UTC
 * hour, labelled (title, description with every hour's count, hour ticks, the busiest hour's
 * count), so it reads without colour and without scripts. WCAG: role="img" named by its title
 * and described by the numbers; the same numbers are in the description for screen readers.
 *
 * @module
 */
import { html } from 'hono/html';
import type { Html } from './layout.js';

const W = 288;
const H = 96;
const TOP = 14;
const BOTTOM = 16;
const BAR = W / 24;

export function budgetChart(
  id: string,
  name: string,
  hours: readonly number[],
  limit: number,
): Html {
  const total = hours.reduce((a, b) => a + b, 0);
  const peak = Math.max(1, ...hours);
  const scale = (H - TOP - BOTTOM) / peak;
  const busy = hours
    .map((n, h) => (n > 0 ? `${String(h).padStart(2, '0')}:00 ${n}` : ''))
    .filter(Boolean)
    .join(', ');
  return html`<figure class="chart">
    <svg
      viewBox="0 0 ${W} ${H}"
      width="${W}"
      height="${H}"
      role="img"
      aria-labelledby="${id}-t ${id}-d"
    >
      <title id="${id}-t">
        Xero calls today for ${name}: ${total} of ${limit.toLocaleString('en')}
      </title>
      <desc id="${id}-d">Calls per UTC hour: ${busy || 'none yet'}.</desc>
      <text x="0" y="10" class="axis">busiest hour: ${peak === 1 && total === 0 ? 0 : peak}</text>
      <line x1="0" y1="${H - BOTTOM}" x2="${W}" y2="${H - BOTTOM}" class="base" />
      ${hours.map((n, h) => {
        const height = Math.round(n * scale);
        return html`<rect
          x="${h * BAR + 1}"
          y="${H - BOTTOM - height}"
          width="${BAR - 2}"
          height="${height}"
        />`;
      })}
      ${[0, 6, 12, 18].map(
        (h) =>
          html`<text x="${h * BAR}" y="${H - 3}" class="axis"
            >${String(h).padStart(2, '0')}h</text
          >`,
      )}
    </svg>
    <figcaption>
      ${name}: ${total} of ${limit.toLocaleString('en')} calls today (UTC hours)
    </figcaption>
  </figure>`;
}
