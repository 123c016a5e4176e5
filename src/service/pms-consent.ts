/**
 * Connecting a PMS from the dashboard: Cliniko with its API key; Clio and Actionstep through
 * their OAuth 2.0 consent with PKCE, the redirect coming back to `/connect/<kind>/callback`
 * (src/http/pms-oauth-routes.ts). The consent's state and verifier are kept in the store
 * (oauth-pending-repo.ts), so any server process finishes it; a state is accepted once, within
 * ten minutes. The code exchange, the proof read and the sealed storage are the CLI's own
 * (`finishClioConnect`, `finishActionstepConnect`, `connectClinikoAs`). Each connection is audited
 * as `source.connect`; no key or token is logged or shown.
 *
 * @module
 */
import type { Config } from '../config/index.js';
import { LedgerbridgeError } from '../errors/ledgerbridge-error.js';
import { finishActionstepConnect } from '../sources/actionstep/connect.js';
import { finishClioConnect } from '../sources/clio/connect.js';
import { clioAuthorizeUrl } from '../sources/clio/oauth.js';
import { parseRegion } from '../sources/clio/regions.js';
import { actionstepAuthorizeUrl } from '../sources/actionstep/oauth.js';
import type { SourceAccount } from '../sources/source.js';
import { appendAudit } from '../store/audit-repo.js';
import type { Database } from '../store/database.js';
import { rememberConsent, takeConsent } from '../store/oauth-pending-repo.js';
import type { Clock } from '../time/clock.js';
import { makeAuthorisationSecrets } from '../xero/identity-client.js';
import { sealingKey } from '../xero/xero-runtime.js';
import { actionstepApp, clioApp, connectableKinds, connectClinikoAs } from './pms-apps.js';

export type ConsentKind = 'clio' | 'actionstep';

/** How long a consent may take before its callback is refused. */
const PENDING_MS = 10 * 60_000;

export interface PmsConnectors {
  readonly kinds: readonly ('cliniko' | ConsentKind)[];
  cliniko(source: string, apiKey: string, actor: string): Promise<SourceAccount>;
  /** Remembers a new consent and returns the PMS's consent page to send the browser to. */
  begin(kind: ConsentKind, source: string, actor: string): Promise<string>;
  /** Finishes the consent `state` names (refused if unknown, used or expired). */
  finish(kind: ConsentKind, state: string, code: string): Promise<string>;
}

interface Pending {
  readonly source: string;
  readonly actor: string;
  readonly verifier: string;
  readonly at: number;
}

export const callbackPath = (kind: ConsentKind) => `/connect/${kind}/callback`;

export function pmsConnectors(
  config: Config,
  db: Database,
  clock: Clock,
  publicBase: string,
): PmsConnectors {
  const redirectUri = (kind: ConsentKind) => new URL(callbackPath(kind), publicBase).toString();
  const audit = (source: string, actor: string, kind: string, label: string) =>
    appendAudit(db, [{ action: 'source.connect', actor, source, detail: { kind, label } }]);
  return {
    kinds: connectableKinds(config),
    async cliniko(source, apiKey, actor) {
      const account = await connectClinikoAs(config, db, { source, apiKey });
      await audit(source, actor, 'cliniko', account.label);
      return account;
    },
    async begin(kind, source, actor) {
      const secrets = makeAuthorisationSecrets();
      const uri = redirectUri(kind);
      const url =
        kind === 'clio'
          ? clioAuthorizeUrl(clioApp(config), parseRegion(config.sources.clio.region), {
              redirectUri: uri,
              ...secrets,
            })
          : actionstepAuthorizeUrl(actionstepApp(config), { redirectUri: uri, ...secrets });
      const pending: Pending = { source, actor, verifier: secrets.verifier, at: clock.now() };
      await rememberConsent(db, `oauth-pending:${kind}`, secrets.state, pending);
      return url;
    },
    async finish(kind, state, code) {
      const p = await takeConsent<Pending>(db, `oauth-pending:${kind}`, state);
      if (!p || clock.now() - p.at > PENDING_MS)
        throw new LedgerbridgeError(
          'LB_SOURCE_OAUTH_FAILED',
          'This connection request is unknown or expired',
          { fix: 'Start again from the Connections page.' },
        );
      const account = await exchange(config, db, clock, kind, {
        source: p.source,
        code,
        verifier: p.verifier,
        redirectUri: redirectUri(kind),
      });
      await audit(p.source, p.actor, kind, account.label);
      return p.source;
    },
  };
}

/** The CLI's own second half of the consent: the code exchanged, proved and stored sealed. */
function exchange(
  config: Config,
  db: Database,
  clock: Clock,
  kind: ConsentKind,
  c: { source: string; code: string; verifier: string; redirectUri: string },
): Promise<SourceAccount> {
  const common = { db, key: sealingKey(config), clock, ...c };
  if (kind === 'clio')
    return finishClioConnect({
      ...common,
      app: clioApp(config),
      region: parseRegion(config.sources.clio.region),
    });
  return finishActionstepConnect({
    ...common,
    app: actionstepApp(config),
    ...(config.sources.actionstepApiUrl && { baseUrl: config.sources.actionstepApiUrl }),
  });
}
