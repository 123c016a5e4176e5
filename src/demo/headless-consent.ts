/**
 * The consent step without a browser, for the local sandboxes and emulators only: each consents
 * on its own, so following its redirect by hand completes the real authorization-code flow with
 * PKCE (Xero's here; Clio's and Actionstep's by `followConsent` into the loopback catcher).
 *
 * @module
 */
import { createServer, type AddressInfo } from 'node:net';
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

/** What a browser does with an emulator's consent page: agree, then follow the redirect to the callback. */
export async function followConsent(url: string): Promise<void> {
  const consent = await fetch(url, { redirect: 'manual' });
  const location = consent.headers.get('location');
  if (location) await fetch(location).then((r) => r.text());
}

/** A loopback port nobody is using, for an OAuth redirect. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      server.close(() => resolve(port));
    });
  });
}
