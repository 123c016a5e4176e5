/**
 * The consent step without a browser: the Xero sandbox consents on its own, so following its
 * redirect by hand completes the real authorization-code flow with PKCE. Only for the sandbox.
 *
 * @module
 */
import {
  completeAuthorisation,
  type ConnectDeps,
  type ConnectedOrganisation,
} from '../xero/connect.js';
import { authorizeUrl, makeAuthorisationSecrets } from '../xero/identity-client.js';
import { resolveScopes } from '../xero/scopes.js';

export async function consentInSandbox(
  deps: ConnectDeps,
  redirectUri: string,
): Promise<ConnectedOrganisation[]> {
  const secrets = makeAuthorisationSecrets();
  const url = authorizeUrl(deps.endpoints, deps.app, {
    redirectUri,
    scopes: resolveScopes('granular', { offline: true }),
    state: secrets.state,
    challenge: secrets.challenge,
  });
  const response = await fetch(url, { redirect: 'manual' });
  const location = new URL(response.headers.get('location') ?? 'http://invalid/');
  if (location.searchParams.get('state') !== secrets.state)
    throw new Error('the sandbox returned another state');
  return completeAuthorisation(deps, {
    code: location.searchParams.get('code') ?? '',
    verifier: secrets.verifier,
    redirectUri,
  });
}
