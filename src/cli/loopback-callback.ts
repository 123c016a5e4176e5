/**
 * Catches the OAuth redirect on a loopback port for `ledgerbridge connect xero` (and the PMSs that
 * connect by consent): listens on the host and port of the redirect URI, accepts one callback on
 * its path whose `state` matches, and answers the browser with a short page naming the service.
 * Anything else gets 400 and is ignored.
 *
 * @module
 */
import { createServer, type ServerResponse } from 'node:http';
import type { ErrorCode } from '../errors/catalogue.js';
import { LedgerbridgeError } from '../errors/ledgerbridge-error.js';

/** Who is being connected: named on the page and in the errors. */
export interface ConsentService {
  readonly name: string;
  /** The setting that holds the redirect URI. */
  readonly setting: string;
  readonly code: ErrorCode;
}

const XERO: ConsentService = {
  name: 'Xero',
  setting: 'XERO_REDIRECT_URI',
  code: 'LB_XERO_OAUTH_FAILED',
};

export interface CallbackCatcher {
  /** Resolves with the authorisation code, or rejects when Xero reports an error. */
  readonly code: Promise<string>;
  close(): void;
}

export async function catchCallback(
  redirectUri: string,
  expectedState: string,
  timeoutMs = 10 * 60_000,
  service: ConsentService = XERO,
): Promise<CallbackCatcher> {
  const target = new URL(redirectUri);
  let settle!: Settle;
  const code = new Promise<string>((resolve, reject) => (settle = { resolve, reject }));
  const server = createServer((req, res) =>
    answer(
      req.url,
      res,
      { redirectUri, path: target.pathname, state: expectedState, service },
      settle,
    ),
  );
  await new Promise<void>((resolve, reject) => {
    server.once('error', (e) =>
      reject(
        new LedgerbridgeError(
          service.code,
          `Cannot listen for the callback on ${target.host}: ${e.message}`,
          {
            fix: `Free that port, or register another loopback redirect URI on your ${service.name} app and set ${service.setting} to it.`,
          },
        ),
      ),
    );
    server.listen(
      Number(target.port || 80),
      target.hostname === 'localhost' ? '127.0.0.1' : target.hostname,
      resolve,
    );
  });
  const timer = setTimeout(
    () =>
      settle.reject(
        new LedgerbridgeError(
          service.code,
          `No answer from ${service.name}’s consent page within 10 minutes`,
        ),
      ),
    timeoutMs,
  );
  const close = () => {
    clearTimeout(timer);
    server.close();
    server.closeAllConnections();
  };
  void code.then(close, close);
  return { code, close };
}

type Settle = { resolve: (code: string) => void; reject: (e: Error) => void };

interface Expected {
  readonly redirectUri: string;
  readonly path: string;
  readonly state: string;
  readonly service: ConsentService;
}

function answer(
  path: string | undefined,
  res: ServerResponse,
  expected: Expected,
  settle: Settle,
): void {
  const { service } = expected;
  const url = new URL(path ?? '/', expected.redirectUri);
  if (url.pathname !== expected.path || url.searchParams.get('state') !== expected.state) {
    res
      .writeHead(400, { 'content-type': 'text/plain' })
      .end('Not a Ledgerbridge callback for this connection.');
    return;
  }
  const error = url.searchParams.get('error');
  const got = url.searchParams.get('code');
  res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
  res.end(
    `<!doctype html><html lang="en"><title>Ledgerbridge</title><p>${error ? `${service.name} did not connect. You can close this window.` : `Connected to ${service.name}. You can close this window and return to the terminal.`}</p></html>`,
  );
  if (error || !got)
    settle.reject(
      new LedgerbridgeError(
        service.code,
        `${service.name} returned ${error ?? 'no code'} to the callback`,
      ),
    );
  else settle.resolve(got);
}
