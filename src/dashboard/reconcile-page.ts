/**
 * The reconciliation page (FEATURES R5, X1): per organisation, the latest reconciliation's set
 * summary, each open difference in plain words with its cause and fix, and the trend of open
 * differences. People who may reconcile (admins, accountants) run one now, mark a document for
 * the next sync where the fix is ours (re-push, remove), or accept a difference with a reason;
 * a viewer reads only.
 *
 * @module
 */
import { html, raw } from 'hono/html';
import { allows } from '../http/principal.js';
import type { DocumentKind } from '../ledger/index.js';
import type { Difference } from '../reconcile/model.js';
import { CATEGORY_LABELS, SUMMARY_ROWS } from '../reconcile/report.js';
import { trendChart } from '../reconcile/trend-chart.js';
import { documentId } from '../store/document-id.js';
import { csrfField, headRow, layout, postButton, scrollTable, when } from './layout.js';
import type { Html, PageContext } from './layout.js';
import { differencesQuery, PAGE_SIZE, type OrganisationReconciliation } from './reconcile-data.js';
import type { DifferenceKey } from '../store/reconcile-differences-repo.js';
import { xeroLink } from './xero-links.js';

const OFFER_LABELS = { repush: 'Send again from the PMS', remove: 'Remove from Xero' } as const;

export function reconcilePage(
  ctx: PageContext,
  organisations: readonly OrganisationReconciliation[],
  notice?: string,
): Html {
  const act = allows(ctx.principal.role, 'reconcile');
  return layout(
    ctx,
    'Reconciliation',
    organisations.length === 0
      ? html`<p>No Xero organisation is connected yet.</p>`
      : html`<p>
            Each reconciliation compares what the practice system holds with what Xero holds and
            explains every difference. One runs every day by itself.
          </p>
          ${act ? postButton(ctx, '/reconciliation/run', 'Reconcile now') : ''}
          ${organisations.map((o) => organisation(ctx, o, act))}`,
    notice,
  );
}

function organisation(ctx: PageContext, o: OrganisationReconciliation, act: boolean): Html {
  const headingId = `org-${o.tenantId}`;
  const latest = o.latest;
  const { open } = o.differences;
  return html`<section aria-labelledby="${headingId}">
    <h2 id="${headingId}">${o.name}</h2>
    ${
      !latest
        ? html`<p>Not reconciled yet.</p>`
        : latest.status === 'failed'
          ? html`<p>The last reconciliation (${when(latest.startedAt)}) failed: ${latest.error}</p>`
          : html`<p>
                Last reconciled ${when(latest.finishedAt ?? latest.startedAt)}:
                ${open === 0 ? 'both ledgers agree.' : `${open} difference(s) open.`}
              </p>
              ${o.summary ? summaryTable(o) : ''} ${o.banks.length > 0 ? banksTable(o) : ''}
              ${o.trend.length > 1 ? trend(o) : ''} ${open > 0 ? differencesList(ctx, o, act) : ''}`
    }
  </section>`;
}

/** The open differences a page at a time, with links to the pages either side. */
function differencesList(ctx: PageContext, o: OrganisationReconciliation, act: boolean): Html {
  const { open, skipped, items, previous, next } = o.differences;
  const id = `differences-${o.tenantId}`;
  const href = (dir: 'after' | 'before', key: DifferenceKey) =>
    `/reconciliation?${differencesQuery({ tenantId: o.tenantId, [dir]: key })}#${id}`;
  const paged = open > items.length;
  return html`<h3 id="${id}">Differences</h3>
    ${paged ? html`<p>Showing ${skipped + 1}–${skipped + items.length} of ${open}.</p>` : ''}
    <ul class="differences">
      ${items.map((d) => differenceItem(ctx, d, act ? o.pageQuery : undefined))}
    </ul>
    ${
      paged
        ? html`<nav aria-label="Pages of differences for ${o.name}">
            <ul>
              ${skipped > PAGE_SIZE ? html`<li><a href="/reconciliation#${id}">First page</a></li>` : ''}
              ${previous ? html`<li><a href="${href('before', previous)}">Previous ${PAGE_SIZE}</a></li>` : ''}
              ${next ? html`<li><a href="${href('after', next)}">Next ${PAGE_SIZE}</a></li>` : ''}
            </ul>
          </nav>`
        : ''
    }`;
}

function summaryTable(o: OrganisationReconciliation): Html {
  const s = o.summary!;
  return scrollTable(
    `Summary for ${o.name}`,
    html`<table>
      <caption>
        ${s.compared} document(s) compared
      </caption>
      ${headRow(['', 'Documents', 'Amount', 'Share'])}
      <tbody>
        ${SUMMARY_ROWS.map((k) => {
          const t = s[k];
          return html`<tr>
            <th scope="row">${CATEGORY_LABELS[k]}</th>
            <td class="n">${t.count}</td>
            <td class="n">${t.amount}</td>
            <td class="n">${t.share}</td>
          </tr>`;
        })}
      </tbody>
    </table>`,
  );
}

/** Per bank and clearing account: the ledger's movement, Xero's, and the difference in words. */
function banksTable(o: OrganisationReconciliation): Html {
  return scrollTable(
    `Bank and clearing accounts for ${o.name}`,
    html`<table>
      <caption>
        Bank and clearing accounts
      </caption>
      ${headRow(['Account', "Practice's ledger", 'Xero', 'Difference', ''])}
      <tbody>
        ${o.banks.map(
          (b) =>
            html`<tr>
              <th scope="row">${b.name} (${b.code})</th>
              <td class="n">${b.ledger}</td>
              <td class="n">${b.xero}</td>
              <td class="n">${b.difference}</td>
              <td>
                ${
                  b.agrees
                    ? 'Agrees'
                    : html`${b.explanation}<br />Likely cause: ${b.cause}<br />Fix: ${b.fix}`
                }
              </td>
            </tr>`,
        )}
      </tbody>
    </table>`,
  );
}

function trend(o: OrganisationReconciliation): Html {
  // trendChart escapes every text it writes (src/reconcile/trend-chart.ts).
  return html`<div class="scroll" role="region" aria-label="Trend for ${o.name}" tabindex="0">
    ${raw(trendChart(o.trend))}
  </div>`;
}

/** `page`: where its actions return (the page's query), when the viewer may act. */
function differenceItem(ctx: PageContext, d: Difference, page: string | undefined): Html {
  const doc = d.document;
  const label = `${doc.kind.replace('_', ' ')} ${doc.number ?? doc.sourceId ?? doc.xeroId ?? ''}`;
  const here =
    doc.source && doc.sourceId
      ? documentId({ source: doc.source, kind: doc.kind as DocumentKind, sourceId: doc.sourceId })
      : undefined;
  const inXero = doc.xeroId ? xeroLink(doc.kind as DocumentKind, doc.xeroId) : undefined;
  return html`<li>
    <dl>
      <dt>Document</dt>
      <dd>
        ${here ? html`<a href="/documents/${here}">${label}</a>` : label}
        ${inXero ? html` · <a href="${inXero}" rel="noopener">open in Xero</a>` : ''}
      </dd>
      <dt>What differs</dt>
      <dd>${d.explanation}</dd>
      <dt>Likely cause</dt>
      <dd>${d.cause}</dd>
      <dt>Amount</dt>
      <dd>${d.amount}</dd>
      ${
        d.changedAt
          ? html`<dt>Changed in Xero</dt>
              <dd>${when(new Date(d.changedAt))}${d.changedBy ? ` by ${d.changedBy}` : ''}</dd>`
          : ''
      }
    </dl>
    ${page !== undefined ? actions(ctx, d, label, page) : ''}
  </li>`;
}

function actions(ctx: PageContext, d: Difference, label: string, page: string): Html {
  const fixes = d.offers.filter((o): o is 'repush' | 'remove' => o !== 'accept');
  const reasonId = `reason-${d.id}`;
  return html`${fixes.map((o) =>
    postButton(
      ctx,
      `/reconciliation/${d.id}/fix`,
      OFFER_LABELS[o],
      { action: o, ...(page && { page }) },
      `${OFFER_LABELS[o]}: ${label}`,
    ),
  )}
  ${
    d.offers.includes('accept')
      ? html`<form method="post" action="/reconciliation/${d.id}/accept" class="accept">
          ${csrfField(ctx)} ${page ? html`<input type="hidden" name="page" value="${page}" />` : ''}
          <label for="${reasonId}">Why this difference is right</label>
          <input id="${reasonId}" name="reason" required maxlength="500" />
          <button type="submit" aria-label="Accept the difference on ${label}">Accept</button>
        </form>`
      : ''
  }`;
}
