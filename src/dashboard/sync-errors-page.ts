/**
 * The sync-errors page (FEATURES R2): open errors grouped by cause, each with our plain message,
 * Xero's own words, the fix, what it blocks, links to the document here and in Xero, and retry —
 * one error, a cause, or everything (retry buttons only for roles that may operate).
 *
 * @module
 */
import { html } from 'hono/html';
import { allows } from '../http/principal.js';
import { documentId } from '../store/document-id.js';
import { ENTITY_SUBJECT, type SyncErrorRow } from '../store/sync-errors-repo.js';
import { causeHeading } from './causes.js';
import { layout, postButton, when, type Html, type PageContext } from './layout.js';
import { GROUP_LIMIT, xeroIdOf, type ErrorGroup, type SyncErrorsView } from './sync-errors-data.js';
import { xeroLink } from './xero-links.js';

export function syncErrorsPage(ctx: PageContext, view: SyncErrorsView, notice?: string): Html {
  const operate = allows(ctx.principal.role, 'operate');
  const total = view.groups.reduce((n, g) => n + g.count, 0);
  return layout(
    ctx,
    'Sync errors',
    total === 0
      ? html`<p>No open sync errors: every document that should be in Xero is there.</p>`
      : html`<p>${total} document(s) could not be sent to Xero.</p>
          ${operate ? postButton(ctx, '/sync-errors/retry', `Retry all ${total}`) : ''}
          ${view.groups.map((g) => group(ctx, view, g, operate))}`,
    notice,
  );
}

function group(ctx: PageContext, view: SyncErrorsView, g: ErrorGroup, operate: boolean): Html {
  const heading = causeHeading(g.code, g.errors[0]?.message);
  const headingId = `cause-${g.code}`;
  return html`<section class="group" aria-labelledby="${headingId}">
    <h2 id="${headingId}">${heading} (${g.count})</h2>
    <p><strong>How to fix it:</strong> ${g.errors[0]?.fix ?? ''}</p>
    ${
      operate && g.code !== 'LB_SYNC_NOT_ROUTED'
        ? postButton(
            ctx,
            '/sync-errors/retry',
            `Retry these ${g.count}`,
            { code: g.code },
            `Retry the ${g.count} error(s): ${heading}`,
          )
        : ''
    }
    ${
      g.count > g.errors.length
        ? html`<p>Showing the first ${GROUP_LIMIT}; retrying retries all ${g.count}.</p>`
        : ''
    }
    <ul>
      ${g.errors.map((e) => errorItem(ctx, view, e, operate))}
    </ul>
  </section>`;
}

function errorItem(
  ctx: PageContext,
  view: SyncErrorsView,
  e: SyncErrorRow,
  operate: boolean,
): Html {
  const { subject, label } = subjectOf(view, e);
  return html`<li>
    <dl>
      ${subject}
      <dt>Problem</dt>
      <dd>${e.message}</dd>
      ${
        e.xeroMessage
          ? html`<dt>Xero said</dt>
              <dd>${e.xeroMessage}</dd>`
          : ''
      }
      ${
        e.fix !== ''
          ? html`<dt>Fix</dt>
              <dd>${e.fix}</dd>`
          : ''
      }
      ${
        e.blocks && e.blocks.length > 0
          ? html`<dt>Holding up</dt>
              <dd>${e.blocks.join(', ')}</dd>`
          : ''
      }
      <dt>Seen</dt>
      <dd>${e.occurrences} time(s), last ${when(e.lastSeenAt)}</dd>
    </dl>
    ${
      operate && e.kind !== ENTITY_SUBJECT
        ? postButton(ctx, `/sync-errors/${e.id}/retry`, 'Retry', {}, `Retry ${label}`)
        : ''
    }
  </li>`;
}

/**
 * What an error is about: a document (its page, and Xero's where it has been pushed), or an
 * entity with no Xero organisation (the Setup page routes it; retrying it would change nothing).
 */
function subjectOf(view: SyncErrorsView, e: SyncErrorRow): { subject: Html; label: string } {
  if (e.kind === ENTITY_SUBJECT) {
    const label = `entity ${e.sourceId} from ${e.source}`;
    return {
      label,
      subject: html`<dt>Entity</dt>
        <dd>${label} · <a href="/setup-sync">route it on Setup</a></dd>`,
    };
  }
  const key = { source: e.source, kind: e.kind, sourceId: e.sourceId };
  const xeroId = xeroIdOf(view, e);
  const inXero = xeroId ? xeroLink(e.kind, xeroId) : undefined;
  const label = `${e.kind.replace('_', ' ')} ${e.sourceId} from ${e.source}`;
  return {
    label,
    subject: html`<dt>Document</dt>
      <dd>
        <a href="/documents/${documentId(key)}">${label}</a>
        ${inXero ? html` · <a href="${inXero}" rel="noopener">open in Xero</a>` : ''}
      </dd>`,
  };
}
