/** The overview at `/`: every organisation and every source at a glance, and "Sync now". */
import { html } from 'hono/html';
import { allows } from '../http/principal.js';
import type { RunRow } from '../store/runs-repo.js';
import { XERO_LIMITS } from '../xero/budget.js';
import {
  layout,
  postButton,
  scrollTable,
  when,
  type Html,
  type PageContext,
  headRow,
} from './layout.js';
import type { Overview } from './overview-data.js';
import { budgetChart } from './budget-chart.js';

const OUTCOME: Record<RunRow['status'], string> = {
  running: 'running',
  succeeded: 'succeeded',
  partial: 'partly done — see sync errors',
  failed: 'failed',
  interrupted: 'interrupted — its process stopped; the next pass took over',
};

export function runCell(run: RunRow | undefined): Html {
  if (!run) return html`never`;
  const bad = run.status === 'failed' || run.status === 'partial' || run.status === 'interrupted';
  return html`${when(run.startedAt)},
    <span class="${bad ? 'bad' : ''}">${OUTCOME[run.status]}</span>`;
}

export function overviewPage(ctx: PageContext, data: Overview, notice?: string): Html {
  const operate = allows(ctx.principal.role, 'operate');
  return layout(
    ctx,
    'Overview',
    html`${operate ? postButton(ctx, '/sync-now', 'Sync now (everything)') : ''}
      <h2>Xero organisations</h2>
      ${
        data.organisations.length === 0
          ? html`<p>No Xero organisation is connected yet.</p>`
          : scrollTable('Xero organisations', organisationsTable(ctx, data, operate))
      }
      ${
        data.organisations.length === 0
          ? ''
          : html`<h2>Xero calls today</h2>
              <div class="charts">
                ${data.organisations.map((o, i) =>
                  budgetChart(
                    `budget-${i}`,
                    o.organisation.name,
                    o.callsByHour,
                    XERO_LIMITS.perDay,
                  ),
                )}
              </div>`
      }
      <h2>Sources</h2>
      ${
        data.targets.length === 0
          ? html`<p>No practice-management system is connected yet.</p>`
          : scrollTable('Sources', sourcesTable(data))
      }`,
    notice,
  );
}

function organisationsTable(ctx: PageContext, data: Overview, operate: boolean): Html {
  return html`<table>
    ${headRow(['Organisation', 'Connection', 'Last sync', 'Next scheduled sync', 'Xero calls today', ...(operate ? ['Actions'] : [])])}
    <tbody>
      ${data.organisations.map(
        (o) =>
          html`<tr>
            <th scope="row">${o.organisation.name}</th>
            <td class="${o.organisation.status === 'connected' ? '' : 'bad'}">
              ${
                o.organisation.status === 'connected'
                  ? 'connected'
                  : `needs attention: ${o.organisation.statusReason ?? o.organisation.status}`
              }
            </td>
            <td>${runCell(o.lastSync)}</td>
            <td>${o.nextRun ? `about ${when(o.nextRun)}` : 'not known'}</td>
            <td>${o.callsToday} of ${XERO_LIMITS.perDay.toLocaleString('en')}</td>
            ${
              operate
                ? html`<td>
                    ${postButton(
                      ctx,
                      '/sync-now',
                      'Sync now',
                      { tenantId: o.organisation.tenantId },
                      `Sync ${o.organisation.name} now`,
                    )}
                  </td>`
                : ''
            }
          </tr>`,
      )}
    </tbody>
  </table>`;
}

function sourcesTable(data: Overview): Html {
  return html`<table>
    ${headRow(['Source', 'Organisation', 'Last fetch from the source', 'Last sync', 'Lag', 'Documents pushed', 'Open sync errors'])}
    <tbody>
      ${data.targets.map(
        (t) =>
          html`<tr>
            <th scope="row">${t.source.name} <small>(${t.source.kind})</small></th>
            <td>${t.organisationName}</td>
            <td>
              ${t.source.kind === 'file' || t.source.kind === 'push' ? 'not fetched: documents are sent to us' : runCell(t.lastPull)}
            </td>
            <td>${t.tenantId ? runCell(t.lastSync) : '—'}</td>
            <td>${lag(t.lagMs)}</td>
            <td>${t.pushed.toLocaleString('en-AU')}${t.pushedMore ? '+' : ''}</td>
            <td>
              ${
                t.openErrors > 0
                  ? html`<a
                      href="/sync-errors${t.tenantId ? `?tenantId=${encodeURIComponent(t.tenantId)}` : ''}"
                      >${t.openErrors}</a
                    >`
                  : '0'
              }
            </td>
          </tr>`,
      )}
    </tbody>
  </table>`;
}

/** How long ago the source's documents last reached the organisation, in words. */
export function lag(ms: number | undefined): string {
  if (ms === undefined) return 'not synced yet';
  const minutes = Math.floor(ms / 60_000);
  if (minutes < 1) return 'under a minute';
  if (minutes < 60) return `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  return hours < 48 ? `${hours} h ${minutes % 60} min` : `${Math.floor(hours / 24)} days`;
}
