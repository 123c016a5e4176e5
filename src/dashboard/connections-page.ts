/**
 * `/connections` (admins only: accountants and viewers have no link and the route answers 403):
 * the wizard's first step. Each practice system connected, with its connection state and its
 * entities; a form per PMS this installation can connect (Cliniko's API key; Clio's and
 * Actionstep's consent pages); the Xero organisations, and a link that starts Xero's consent
 * (several organisations may be chosen there, and again later). No key or token is ever shown.
 *
 * @module
 */
import { html } from 'hono/html';
import type { SourceView } from '../cli/commands/sources.js';
import type { OrganisationRow } from '../store/organisations-repo.js';
import { csrfField, headRow, layout, scrollTable, type Html, type PageContext } from './layout.js';

export interface ConnectionsView {
  readonly sources: readonly SourceView[];
  readonly organisations: readonly OrganisationRow[];
  /** The PMSs this installation has an app for (Cliniko needs none). */
  readonly kinds: readonly string[];
  /** Whether a Xero app is set up, so `/connect/xero` is served. */
  readonly xero: boolean;
}

const PMS_NAMES: Readonly<Record<string, string>> = {
  cliniko: 'Cliniko',
  clio: 'Clio',
  actionstep: 'Actionstep',
};

export function connectionsPage(ctx: PageContext, v: ConnectionsView, notice?: string): Html {
  return layout(
    ctx,
    'Connections',
    html`<p>
        Step 1 of the setup: connect your practice system and your Xero organisations. Then
        <a href="/setup-sync">route and map</a> what they exchange.
      </p>
      <h2>Practice systems</h2>
      ${sourcesTable(v.sources)} ${v.kinds.includes('cliniko') ? clinikoForm(ctx) : ''}
      ${v.kinds.filter((k) => k !== 'cliniko').map((k) => consentForm(ctx, k))}
      <h2>Xero organisations</h2>
      ${organisationsTable(v.organisations)}
      ${
        v.xero
          ? html`<p>
              <a href="/connect/xero">Connect Xero organisations</a> — Xero asks which organisations
              Ledgerbridge may use; choose one or several, and come back here for more at any time.
            </p>`
          : html`<p>
              No Xero app is set up for this service: set XERO_CLIENT_ID, XERO_CLIENT_SECRET and
              LEDGERBRIDGE_SECRET_KEY, then restart it.
            </p>`
      }`,
    notice,
  );
}

function sourcesTable(sources: readonly SourceView[]): Html {
  if (sources.length === 0) return html`<p>No practice system connected yet.</p>`;
  return scrollTable(
    'Practice systems',
    html`<table>
      ${headRow(['Name', 'System', 'Connection', 'Entities'])}
      <tbody>
        ${sources.map(
          (s) =>
            html`<tr>
              <th scope="row">${s.name}</th>
              <td>${PMS_NAMES[s.kind] ?? s.kind}</td>
              <td>${s.connection}${s.connectionNote ? ` — ${s.connectionNote}` : ''}</td>
              <td>${s.entities.map((e) => e.entity).join(', ') || '—'}</td>
            </tr>`,
        )}
      </tbody>
    </table>`,
  );
}

function organisationsTable(organisations: readonly OrganisationRow[]): Html {
  if (organisations.length === 0) return html`<p>No Xero organisation connected yet.</p>`;
  return scrollTable(
    'Xero organisations',
    html`<table>
      ${headRow(['Organisation', 'Connection'])}
      <tbody>
        ${organisations.map(
          (o) =>
            html`<tr>
              <th scope="row">${o.name}</th>
              <td>
                ${o.status === 'connected' ? 'connected' : 'needs connecting again'}
                ${o.statusReason ? ` — ${o.statusReason}` : ''}
              </td>
            </tr>`,
        )}
      </tbody>
    </table>`,
  );
}

const nameField = (kind: string) =>
  html`<label
    >Name in Ledgerbridge (lower case letters, digits, dashes)
    <input
      type="text"
      name="name"
      value="${kind}"
      required
      pattern="[a-z0-9][a-z0-9-]{0,39}"
      autocomplete="off"
  /></label>`;

function clinikoForm(ctx: PageContext): Html {
  return html`<form method="post" action="/connections/cliniko" class="filters">
    ${csrfField(ctx)}
    <fieldset>
      <legend>Connect Cliniko</legend>
      ${nameField('cliniko')}
      <label
        >API key (Cliniko: My Info → Manage API keys)
        <input type="password" name="apiKey" required autocomplete="off"
      /></label>
      <button type="submit">Connect Cliniko</button>
    </fieldset>
  </form>`;
}

function consentForm(ctx: PageContext, kind: string): Html {
  const name = PMS_NAMES[kind] ?? kind;
  return html`<form method="post" action="/connections/${kind}" class="filters">
    ${csrfField(ctx)}
    <fieldset>
      <legend>Connect ${name}</legend>
      <p>
        ${name} asks you to sign in and allow Ledgerbridge to read your books, then sends you back
        here.
      </p>
      ${nameField(kind)}
      <button type="submit">Connect ${name}</button>
    </fieldset>
  </form>`;
}
