/**
 * The Setup page (`/setup-sync`, roles that map): routes send each source's entities to a Xero
 * organisation; options choose how each source is synced (setup-options-step.ts); mappings map what each organisation's documents need — missing ones first — to
 * its accounts, tax rates and tracking, choosing from its chart. Every form saves one choice, and
 * a refused one comes back on this page naming the mapping and the value.
 *
 * @module
 */
import { html } from 'hono/html';
import type { MappingNeed } from '../sync/mapping-needs.js';
import {
  csrfField,
  headRow,
  postButton,
  layout,
  scrollTable,
  type Html,
  type PageContext,
  when,
} from './layout.js';
import type { EntityRoute, OrganisationSetup, SetupView } from './setup-data.js';
import { CHANGED_BOUND, type NeedsFreshness } from './setup-needs.js';
import { optionsStep, type TypedOptions } from './setup-options-step.js';
import { setupSteps } from './setup-steps.js';
import { choicesFor, NEED_LABELS, type Choice } from './setup-choices.js';

export function setupPage(
  ctx: PageContext,
  view: SetupView,
  notice?: string,
  typed?: TypedOptions,
): Html {
  return layout(
    ctx,
    'Setup',
    html`<p>
        Connect, send each entity's documents to a Xero organisation, choose the options, map what
        those documents need to that organisation's accounts, tax rates and tracking, and sync.
      </p>
      ${setupSteps(ctx, view.wizard)}
      <h2 id="routes">Routes</h2>
      ${routesStep(ctx, view)}
      <h2 id="options">Options</h2>
      ${optionsStep(ctx, view.options, typed)}
      <h2 id="mappings">Mappings</h2>
      ${
        view.setups.length === 0
          ? html`<p>Connect a Xero organisation first.</p>`
          : view.setups.map((s, i) => mappingsOf(ctx, s, i))
      }`,
    notice,
  );
}

function routesStep(ctx: PageContext, view: SetupView): Html {
  if (view.routes.length === 0)
    return html`<p>
      No entity yet: fetch from a practice system first, and its entities show here.
    </p>`;
  if (view.organisations.length === 0)
    return html`<p>Connect a Xero organisation first, then choose where each entity goes.</p>`;
  return scrollTable(
    'Routes',
    html`<table>
      ${headRow(['Source', 'Entity', 'Xero organisation'])}
      <tbody>
        ${view.routes.map((r, i) => routeRow(ctx, view, r, i))}
      </tbody>
    </table>`,
  );
}

function routeRow(ctx: PageContext, view: SetupView, r: EntityRoute, i: number): Html {
  const what = `${r.source} / ${r.entity}`;
  return html`<tr>
    <td>${r.source}</td>
    <th scope="row">${r.entity}</th>
    <td>
      <form method="post" action="/setup-sync/route" class="inline">
        ${csrfField(ctx)}
        <input type="hidden" name="source" value="${r.source}" />
        <input type="hidden" name="entity" value="${r.entity}" />
        <label for="route-${i}" class="visually-hidden">Organisation for ${what}</label>
        <select name="tenantId" id="route-${i}" required>
          ${r.tenantId ? '' : html`<option value="">Not sent anywhere yet</option>`}
          ${view.organisations.map(
            (o) =>
              html`<option value="${o.tenantId}" ${o.tenantId === r.tenantId ? 'selected' : ''}>
                ${o.name}
              </option>`,
          )}
        </select>
        <button type="submit" aria-label="Save the route of ${what}">Save</button>
      </form>
    </td>
  </tr>`;
}

function mappingsOf(ctx: PageContext, s: OrganisationSetup, i: number): Html {
  const heading = html`<h3 id="org-${i}">${s.name}</h3>
    ${postButton(ctx, '/setup-sync/recheck', 'Read the chart from Xero again', { tenantId: s.tenantId }, `Read the chart of ${s.name} from Xero again`)}`;
  if (!s.ok)
    return html`<section aria-labelledby="org-${i}">
      ${heading}
      <p class="bad">${s.problem}</p>
    </section>`;
  if (s.needs.length === 0)
    return html`<section aria-labelledby="org-${i}">
      ${heading}
      <p>No document waiting to be sent here needs a mapping.</p>
      ${freshnessNote(s.freshness)}
    </section>`;
  const count = (st: MappingNeed['status']) => s.needs.filter((n) => n.status === st).length;
  return html`<section aria-labelledby="org-${i}">
    ${heading} ${freshnessNote(s.freshness)}
    <p>
      The documents to send need ${s.needs.length} mapping(s): ${count('missing')} missing,
      ${count('invalid')} invalid, ${count('mapped')} mapped.
    </p>
    ${scrollTable(
      `Mappings for ${s.name}`,
      html`<table>
        ${headRow(['Needed', 'Documents', 'Status', 'In Xero'])}
        <tbody>
          ${s.needs.map((n, j) => needRow(ctx, s, n, `${i}-${j}`))}
        </tbody>
      </table>`,
    )}
  </section>`;
}

/** When the needs were counted, and what changed since that they do not count yet. */
function freshnessNote(f: NeedsFreshness | undefined): Html | string {
  if (!f) return '';
  if (f.by === 'now')
    return html`<p>
      No sync has checked the documents waiting here yet, so this list was worked out just now (slow
      with many documents); from now on each sync keeps it.
    </p>`;
  const changed = f.changedSince > CHANGED_BOUND ? `${CHANGED_BOUND.toLocaleString('en')}+` : `${f.changedSince}`; // prettier-ignore
  return html`<p>
    Counted by ${f.by === 'sync' ? 'the sync' : 'the check'} of ${when(f.checkedAt)}; mappings saved
    since show as they are now.
    ${
      f.changedSince > 0
        ? html`<strong>${changed} document(s) changed since: not yet checked — run a sync.</strong>`
        : ''
    }
    ${
      f.newEntities.length > 0
        ? html`<strong
            >Routed here since: ${f.newEntities.join(', ')} — not yet checked; run a sync.</strong
          >`
        : ''
    }
  </p>`;
}

function needRow(
  ctx: PageContext,
  s: OrganisationSetup & { ok: true },
  n: MappingNeed,
  id: string,
): Html {
  const what = `${NEED_LABELS[n.type]} "${n.key === '*' ? 'any' : n.key}"`;
  const choices = choicesFor(n.type, s.chart);
  return html`<tr>
    <th scope="row">${what}</th>
    <td>${n.documents}</td>
    <td>
      ${
        n.status === 'mapped'
          ? 'mapped'
          : html`<span class="bad">${n.status}</span>${n.message ? html`: ${n.message}` : ''}`
      }
    </td>
    <td>
      ${
        choices
          ? mappingForm(ctx, s.tenantId, n, id, what, choices)
          : html`${n.value ?? ''} (set on the line in the practice system)`
      }
    </td>
  </tr>`;
}

function mappingForm(
  ctx: PageContext,
  tenantId: string,
  n: MappingNeed,
  id: string,
  what: string,
  choices: readonly Choice[],
): Html {
  if (choices.length === 0)
    return html`<span class="bad">The organisation has nothing that fits; add one in Xero.</span>`;
  return html`<form method="post" action="/setup-sync/mapping" class="inline">
    ${csrfField(ctx)}
    <input type="hidden" name="tenantId" value="${tenantId}" />
    <input type="hidden" name="type" value="${n.type}" />
    <input type="hidden" name="key" value="${n.key}" />
    <label for="map-${id}" class="visually-hidden">Xero choice for ${what}</label>
    <select name="value" id="map-${id}" required>
      ${n.value ? '' : html`<option value="">Choose…</option>`}
      ${choices.map(
        (c) =>
          html`<option value="${c.value}" ${c.value === n.value ? 'selected' : ''}>
            ${c.label}
          </option>`,
      )}
    </select>
    <button type="submit" aria-label="Save the mapping of ${what}">Save</button>
  </form>`;
}
