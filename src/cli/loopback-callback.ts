/**
 * Catches the OAuth redirect on a loopback port for `ledgerbridge connect xero`: listens on the
 * host and port of XERO_REDIRECT_URI, accepts one callback on its path whose `state` matches, and
 * answers the browser with a short page. Anything else gets 400 and is ignored.
 *
 * @module
 */
import { createServer, type ServerResponse } from 'node:http';
import { LedgerbridgeError } from '../errors/ledgerbridge-error.js';

export interface CallbackCatcher {
  /** Resolves with the authorisation code, or rejects when Xero reports an error. */
  readonly code: Promise<string>;
  close(): void;
}

export async function catchCallback(
  redirectUri: string,
  expectedState: string,
  timeoutMs = 10 * 60_000,
): Promise<CallbackCatcher> {
  const target = new URL(redirectUri);
  let settle!: Settle;
  const code = new Promise<string>((resolve, reject) => (settle = { resolve, reject }));
  const server = createServer((req, res) =>
    answer(req.url, res, redirectUri, target.pathname, expectedState, settle),
  );
  await new Promise<void>((resolve, reject) => {
    server.once('error', (e) =>
      reject(
        new LedgerbridgeError(
          'LB_XERO_OAUTH_FAILED',
          `Cannot listen for the callback on ${target.host}: ${e.message}`,
          {
            fix: 'Free that port, or register another loopback redirect URI on your Xero app and set XERO_REDIRECT_URI to it.',
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
          'LB_XERO_OAUTH_FAILED',
          'No answer from Xero’s consent page within 10 minutes',
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

function answer(
  path: string | undefined,
  res: ServerResponse,
  redirectUri: string,
  expectedPath: string,
  expectedState: string,
  settle: Settle,
): void {
  const url = new URL(path ?? '/', redirectUri);
  if (url.pathname !== expectedPath || url.searchParams.get('state') !== expectedState) {
    res
      .writeHead(400, { 'content-type': 'text/plain' })
      .end('Not a Ledgerbridge callback for this connection.');
    return;
  }
  const error = url.searchParams.get('error');
  const got = url.searchParams.get('code');
  res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
  res.end(
    `<!doctype html><html lang="en"><title>Ledgerbridge</title><p>${error ? 'Xero did not connect. You can close this window.' : 'Connected to Xero. You can close this window and return to the terminal.'}</p></html>`,
  );
  if (error || !got)
    settle.reject(
      new LedgerbridgeError(
        'LB_XERO_OAUTH_FAILED',
        `Xero returned ${error ?? 'no code'} to the callback`,
      ),
    );
  else settle.resolve(got);
}
