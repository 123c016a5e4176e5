/**
 * Setup's step 3, options: for each practice system, the sync options it will be synced with,
 * pre-filled with the values in force, in the same fields as the Settings page
 * (sync-options-form.ts). Saving keeps them as that source's own — saving them unchanged accepts
 * them — and the step counts as done once every source's are saved. After a refusal the form of
 * that source shows what was typed.
 *
 * @module
 */
import { html } from 'hono/html';
import { csrfField, type Html, type PageContext } from './layout.js';
import type { SourceOptions } from './setup-data.js';
import { syncOptionsFields, type OptionValues } from './sync-options-form.js';

/** What was typed into one source's form and refused, shown again instead of the saved values. */
export interface TypedOptions {
  readonly source: string;
  readonly values: OptionValues;
}

export function optionsStep(
  ctx: PageContext,
  options: readonly SourceOptions[],
  typed?: TypedOptions,
): Html {
  if (options.length === 0)
    return html`<p>Connect a practice system first, and its options show here.</p>`;
  return html`<p>
      Each practice system is synced with these options. They start as the ones on
      <a href="/settings">Settings</a>; saving them here keeps them as that system's own, so check
      each and save, even unchanged, to accept them.
    </p>
    ${options.map((o, i) =>
      sourceForm(ctx, o, i, typed?.source === o.source ? typed.values : undefined),
    )}`;
}

function sourceForm(ctx: PageContext, o: SourceOptions, i: number, typed?: OptionValues): Html {
  return html`<section aria-labelledby="opts-${i}">
    <h3 id="opts-${i}">${o.source}</h3>
    <p>
      ${
        o.saved
          ? 'Saved for this practice system.'
          : html`<strong>Not saved yet:</strong> these are the options it would be synced with.`
      }
    </p>
    <form method="post" action="/setup-sync/options">
      ${csrfField(ctx)}
      <input type="hidden" name="source" value="${o.source}" />
      ${syncOptionsFields(typed ?? o.values, `opts-${i}`)}
      <button type="submit">Save the options of ${o.source}</button>
    </form>
  </section>`;
}
