/**
 * The setup wizard's steps, at the top of the Setup page: connect (admins, on `/connections`),
 * route, options (saved per source, or kept as shown), map, first sync — each with what is done so far, so a new user
 * sees where they are. An accountant is told who connects, with no link to controls they lack.
 *
 * @module
 */
import { html } from 'hono/html';
import { allows } from '../http/principal.js';
import type { RunRow } from '../store/runs-repo.js';
import { postButton, when, type Html, type PageContext } from './layout.js';

export interface WizardState {
  readonly sources: number;
  /** Sources with options to choose, and those whose options were saved for them. */
  readonly optionSources: number;
  readonly optionsSaved: number;
  readonly organisations: number;
  readonly entities: number;
  readonly routed: number;
  readonly missingMappings: number;
  readonly lastSync: RunRow | undefined;
}

const mark = (done: boolean) => (done ? 'Done' : 'To do');

export function setupSteps(ctx: PageContext, w: WizardState): Html {
  const admin = allows(ctx.principal.role, 'admin');
  const connected = w.sources > 0 && w.organisations > 0;
  return html`<ol class="steps">
    <li>
      <strong>Connect</strong> (${mark(connected)}): ${w.sources} practice system(s),
      ${w.organisations} Xero organisation(s).
      ${
        admin
          ? html`<a href="/connections">Connect a practice system or Xero</a>`
          : 'An administrator connects them.'
      }
    </li>
    <li>
      <strong>Route</strong> (${mark(w.entities > 0 && w.routed === w.entities)}): ${w.routed} of
      ${w.entities} entities go to an organisation. <a href="#routes">Routes</a>
    </li>
    <li>
      <strong>Options</strong> (${mark(w.optionSources > 0 && w.optionsSaved === w.optionSources)}):
      ${w.optionsSaved} of ${w.optionSources} practice system(s) have their options saved — which
      invoice statuses, from which date, payments, contact names, summarised lines, locked periods.
      <a href="#options">Options</a>
    </li>
    <li>
      <strong>Map</strong> (${mark(w.lastSync !== undefined && w.missingMappings === 0)}):
      ${w.missingMappings} mapping(s) missing or invalid. <a href="#mappings">Mappings</a>
    </li>
    <li>
      <strong>First sync</strong> (${mark(w.lastSync !== undefined)}):
      ${
        w.lastSync
          ? html`last ${w.lastSync.status} at ${when(w.lastSync.startedAt)};
              <a href="/sync-errors">sync errors</a>`
          : 'fetches the documents, then sends them to Xero; what needs a mapping shows above.'
      }
      ${
        connected && allows(ctx.principal.role, 'operate')
          ? postButton(ctx, '/sync-now', 'Fetch and sync now', { back: 'setup' })
          : ''
      }
    </li>
  </ol>`;
}
