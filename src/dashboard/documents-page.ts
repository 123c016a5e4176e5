/**
 * Documents: a search (number, contact, status, dates) with a next-page link, and each
 * document's page — the version we hold, where it went in each organisation (Xero id, locked or
 * not), its push history from the audit log (operation, Xero id, outcome, when; each pushed
 * version's fingerprint), its open errors, and "Unlock & re-push" for roles that may operate.
 *
 * @module
 */
import { html } from 'hono/html';
import { allows } from '../http/principal.js';
import type { AuditRow } from '../store/audit-repo.js';
import { documentId } from '../store/document-id.js';
import type { DocumentSummary } from '../store/documents-search.js';
import type { StoredDocument } from '../store/documents-repo.js';
import type { Link } from '../store/links-repo.js';
import type { SyncErrorRow } from '../store/sync-errors-repo.js';
import {
  layout,
  postButton,
  scrollTable,
  when,
  type Html,
  type PageContext,
  headRow,
} from './layout.js';
import { xeroLink } from './xero-links.js';

export interface SearchForm {
  readonly number?: string | undefined;
  readonly contact?: string | undefined;
  readonly status?: string | undefined;
  readonly from?: string | undefined;
  readonly to?: string | undefined;
}

export function documentsPage(
  ctx: PageContext,
  form: SearchForm,
  found: readonly DocumentSummary[],
  nextHref: string | undefined,
): Html {
  const field = (name: keyof SearchForm, label: string, type = 'text') =>
    html`<label
      >${label} <input type="${type}" name="${name}" value="${form[name] ?? ''}"
    /></label>`;
  return layout(
    ctx,
    'Documents',
    html`<form method="get" action="/documents" class="filters" role="search">
        ${field('number', 'Number')} ${field('contact', 'Contact')} ${field('status', 'Status')}
        ${field('from', 'Dated from', 'date')} ${field('to', 'Dated to', 'date')}
        <button type="submit">Search</button>
      </form>
      ${
        found.length === 0
          ? html`<p>No document matches.</p>`
          : scrollTable('Documents found', resultsTable(found))
      }
      ${nextHref ? html`<p><a href="${nextHref}">Next page</a></p>` : ''}`,
  );
}

function resultsTable(found: readonly DocumentSummary[]): Html {
  return html`<table>
    ${headRow(['Document', 'Contact', 'Date', 'Total', 'Status', 'In Xero'])}
    <tbody>
      ${found.map(
        (d) =>
          html`<tr>
            <th scope="row">
              <a href="/documents/${documentId(d)}"
                >${kindLabel(d.kind)} ${d.number ?? d.sourceId}</a
              >
              <small>(${d.source})</small>
            </th>
            <td>${d.contact ?? '—'}</td>
            <td>${d.date ?? '—'}</td>
            <td>${d.total ? `${d.total} ${d.currency ?? ''}` : '—'}</td>
            <td>${d.deletedAt ? 'deleted in the source' : d.status}</td>
            <td>${d.pushed > 0 ? 'yes' : 'not yet'}</td>
          </tr>`,
      )}
    </tbody>
  </table>`;
}

export const kindLabel = (kind: string): string => kind.replace('_', ' ');

export interface DocumentView {
  readonly stored: StoredDocument;
  readonly links: readonly Link[];
  readonly history: readonly AuditRow[];
  readonly errors: readonly SyncErrorRow[];
  readonly organisationNames: ReadonlyMap<string, string>;
}

export function documentPage(ctx: PageContext, v: DocumentView, notice?: string): Html {
  const d = v.stored.document;
  const title = `${kindLabel(d.kind)} ${'number' in d && d.number ? d.number : d.sourceId}`;
  const operate = allows(ctx.principal.role, 'operate');
  return layout(
    ctx,
    title,
    html`<dl>
        <dt>Source</dt>
        <dd>
          ${d.source}, id ${d.sourceId}
          ${
            pmsLink(d.sourceUrl)
              ? html` · <a href="${pmsLink(d.sourceUrl)}" rel="noopener">open in ${d.source}</a>`
              : ''
          }
        </dd>
        <dt>Status</dt>
        <dd>
          ${v.stored.deletedAt ? `deleted in the source ${when(v.stored.deletedAt)}` : d.status}
        </dd>
        <dt>Current version</dt>
        <dd><code>${v.stored.hash.slice(0, 12)}</code></dd>
      </dl>
      ${v.errors.map((e) => html`<p class="bad" role="note">Not sent: ${e.message} ${e.fix}</p>`)}
      <h2>In Xero</h2>
      ${
        v.links.length === 0
          ? html`<p>Not in any Xero organisation yet.</p>`
          : scrollTable('In Xero', linksTable(ctx, v, operate))
      }
      <h2>Push history</h2>
      ${
        v.history.length === 0
          ? html`<p>Nothing has been sent for this document yet.</p>`
          : scrollTable('Push history', historyTable(v.history))
      }`,
    notice,
  );
}

function linksTable(ctx: PageContext, v: DocumentView, operate: boolean): Html {
  const d = v.stored.document;
  return html`<table>
    ${headRow(['Organisation', 'Xero', 'Version sent', 'Sent', 'Locked', ...(operate ? ['Actions'] : [])])}
    <tbody>
      ${v.links.map((l) => {
        const href = l.xeroId ? xeroLink(l.kind, l.xeroId) : undefined;
        return html`<tr>
          <th scope="row">${v.organisationNames.get(l.tenantId) ?? l.tenantId}</th>
          <td>
            ${
              l.xeroId
                ? href
                  ? html`<a href="${href}" rel="noopener">${l.xeroNumber ?? l.xeroId}</a>`
                  : (l.xeroNumber ?? l.xeroId)
                : 'not sent'
            }
          </td>
          <td>${l.pushedHash ? html`<code>${l.pushedHash.slice(0, 12)}</code>` : '—'}</td>
          <td>${when(l.pushedAt)}</td>
          <td>${l.locked ? 'yes' : 'no — sent again by the next sync'}</td>
          ${
            operate
              ? html`<td>
                  ${
                    l.xeroId && l.locked
                      ? postButton(
                          ctx,
                          `/documents/${documentId(d)}/unlock`,
                          'Unlock & re-push',
                          {},
                          `Unlock and re-push ${d.sourceId}`,
                        )
                      : ''
                  }
                </td>`
              : ''
          }
        </tr>`;
      })}
    </tbody>
  </table>`;
}

function historyTable(history: readonly AuditRow[]): Html {
  return html`<table>
    ${headRow(['When', 'Operation', 'Xero id', 'Outcome', 'Request fingerprint', 'By'])}
    <tbody>
      ${history.map(
        (h) =>
          html`<tr>
            <td>${when(h.at)}</td>
            <td>${h.action}</td>
            <td>${h.xeroId ?? '—'}</td>
            <td>${h.outcome ?? '—'}</td>
            <td>${h.payloadHash ? html`<code>${h.payloadHash.slice(0, 12)}</code>` : '—'}</td>
            <td>${h.actor}</td>
          </tr>`,
      )}
    </tbody>
  </table>`;
}

/** The document in the practice system's own web app, when the source gave its address (http(s) only). */
export const pmsLink = (url: string | undefined): string | undefined =>
  url && /^https?:\/\//i.test(url) ? url : undefined;
