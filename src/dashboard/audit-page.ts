/**
 * The audit log page: newest first, filtered by who, what and when, with a CSV of everything
 * the filter matches (oldest first, streamed a page at a time, so a long log never sits in
 * memory).
 *
 * @module
 */
import { html } from 'hono/html';
import { pageAudit, type AuditRow } from '../store/audit-repo.js';
import type { Queryable } from '../store/database.js';
import { csvLine } from '../text/csv.js';
import { layout, scrollTable, when, type Html, type PageContext, headRow } from './layout.js';

export interface AuditForm {
  readonly actor?: string | undefined;
  readonly action?: string | undefined;
  /** YYYY-MM-DD, inclusive. */
  readonly from?: string | undefined;
  /** YYYY-MM-DD, inclusive. */
  readonly to?: string | undefined;
}

/** The filter as the store takes it: whole UTC days. */
export function auditFilter(form: AuditForm) {
  const day = (d: string | undefined, plus = 0) =>
    d && /^\d{4}-\d{2}-\d{2}$/.test(d)
      ? new Date(Date.parse(`${d}T00:00:00Z`) + plus * 86_400_000)
      : undefined;
  return {
    actor: form.actor || undefined,
    action: form.action || undefined,
    from: day(form.from),
    to: day(form.to, 1),
  };
}

export function auditPage(
  ctx: PageContext,
  form: AuditForm,
  rows: readonly AuditRow[],
  olderHref: string | undefined,
  csvHref: string,
): Html {
  const field = (name: keyof AuditForm, label: string, type = 'text') =>
    html`<label
      >${label} <input type="${type}" name="${name}" value="${form[name] ?? ''}"
    /></label>`;
  return layout(
    ctx,
    'Audit log',
    html`<form method="get" action="/audit" class="filters" role="search">
        ${field('actor', 'Who')} ${field('action', 'Action')} ${field('from', 'From', 'date')}
        ${field('to', 'To', 'date')}
        <button type="submit">Filter</button>
      </form>
      <p><a href="${csvHref}" download>Download as CSV</a></p>
      ${
        rows.length === 0
          ? html`<p>No entry matches.</p>`
          : scrollTable('Audit entries', auditTable(rows))
      }
      ${olderHref ? html`<p><a href="${olderHref}">Older entries</a></p>` : ''}`,
  );
}

function auditTable(rows: readonly AuditRow[]): Html {
  return html`<table>
    ${headRow(['When', 'Who', 'Action', 'Document', 'Outcome', 'Details'])}
    <tbody>
      ${rows.map(
        (r) =>
          html`<tr>
            <td>${when(r.at)}</td>
            <td>${r.actor}</td>
            <td>${r.action}</td>
            <td>${r.sourceId ? `${r.kind ?? ''} ${r.sourceId} (${r.source ?? ''})` : '—'}</td>
            <td>${r.outcome ?? '—'}</td>
            <td>
              <code>${Object.keys(r.detail ?? {}).length > 0 ? JSON.stringify(r.detail) : ''}</code>
            </td>
          </tr>`,
      )}
    </tbody>
  </table>`;
}

const CSV_HEADER = [
  'id',
  'at',
  'actor',
  'action',
  'source',
  'kind',
  'source_id',
  'tenant_id',
  'xero_id',
  'outcome',
  'detail',
];

/** Every matching entry, oldest first, as a stream of CSV text. */
export function auditCsv(db: Queryable, form: AuditForm): ReadableStream<Uint8Array> {
  const filter = auditFilter(form);
  const encoder = new TextEncoder();
  let afterId = 0;
  let started = false;
  return new ReadableStream({
    async pull(controller) {
      if (!started) {
        started = true;
        controller.enqueue(encoder.encode(csvLine(CSV_HEADER)));
      }
      const page = await pageAudit(db, { ...filter, afterId, limit: 1_000 });
      if (page.length === 0) return controller.close();
      controller.enqueue(encoder.encode(page.map(csvRow).join('')));
      afterId = page[page.length - 1]!.id;
    },
  });
}

const csvRow = (r: AuditRow): string =>
  csvLine([
    String(r.id),
    r.at.toISOString(),
    r.actor ?? '',
    r.action,
    r.source ?? '',
    r.kind ?? '',
    r.sourceId ?? '',
    r.tenantId ?? '',
    r.xeroId ?? '',
    r.outcome ?? '',
    JSON.stringify(r.detail ?? {}),
  ]);
