/**
 * The Actionstep connector (docs/sources-actionstep.md): OAuth 2.0 with the per-organisation
 * `api_endpoint` (connect.ts), divisions as entities, participants as contacts, bills with their
 * lines as invoices, credit notes, and receipts' allocations as payments (pull.ts).
 *
 * Actionstep publishes no request limit (docs.actionstep.com/api-limits: per user, "will
 * eventually adjust dynamically"); 60 a minute keeps a pull well inside any plausible one, and a
 * 429 is honoured whatever the limit.
 *
 * @module
 */
import type { SourceDefinition } from '../source.js';
import { parseActionstepCredentials, type ActionstepCredentials } from './credentials.js';
import { divisions, pullActionstep } from './pull.js';
import { ActionstepSession } from './session.js';

export const ACTIONSTEP_RATE_LIMIT_PER_MINUTE = 60;

export const actionstepSource: SourceDefinition<ActionstepCredentials> = {
  kind: 'actionstep',
  rateLimitPerMinute: ACTIONSTEP_RATE_LIMIT_PER_MINUTE,
  parseCredentials: parseActionstepCredentials,
  open(credentials, options) {
    const session = new ActionstepSession(credentials, {
      budget: options.budget,
      ...(options.baseUrl ? { apiEndpoint: options.baseUrl } : {}),
      ...(options.fetch ? { fetch: options.fetch } : {}),
      ...(options.retryDelaysMs ? { retryDelaysMs: options.retryDelaysMs } : {}),
      ...(options.saveCredentials
        ? { saveCredentials: options.saveCredentials.bind(options) }
        : {}),
    });
    return {
      async test(signal) {
        const entities = await divisions(session, signal);
        return {
          label: `Actionstep ${session.orgkey}`,
          details: { orgkey: session.orgkey, apiEndpoint: session.apiEndpoint },
          entities,
        };
      },
      pull: (request) => pullActionstep(session, request, options.overlapMs),
    };
  },
};
