/**
 * Test harness: a sandbox on a free port with a manual clock, one organisation, an app connected
 * through the real authorization-code + PKCE flow, and helpers to call the API over real HTTP.
 * Every request and answer is recorded so the test file can check them against Xero's spec.
 *
 * @module
 */
import { createHash, randomBytes } from 'node:crypto';
import { makeManualClock } from '../../../time/clock.js';
import type { ManualClock } from '../../../time/clock.js';
import type { Region } from '../accounting/model.js';
import type { Exchange, XeroSandboxOptions } from '../options.js';
import { startXeroSandbox } from '../sandbox.js';
import type { XeroSandbox } from '../sandbox.js';

export const REDIRECT_URI = 'http://localhost:5999/callback';

export interface ApiResult {
  status: number;
  headers: Headers;
  text: string;
  body: unknown;
}

export interface TestSandbox {
  sandbox: XeroSandbox;
  clock: ManualClock;
  tenantId: string;
  clientId: string;
  clientSecret: string;
  accessToken: string;
  refreshToken: string;
  exchanges: Exchange[];
  api(
    method: string,
    path: string,
    body?: unknown,
    headers?: Record<string, string>,
  ): Promise<ApiResult>;
  stop(): Promise<void>;
}

export interface TestSandboxOptions extends Omit<XeroSandboxOptions, 'clock' | 'onExchange'> {
  region?: Region;
  clock?: ManualClock;
  scope?: string;
}

/** Reads a value at a dotted path, e.g. `pick(body, 'Invoices.0.Status')`. */
export function pick(value: unknown, path: string): unknown {
  let current: unknown = value;
  for (const key of path.split('.')) {
    if (typeof current !== 'object' || current === null) return undefined;
    current = (current as Record<string, unknown>)[key];
  }
  return current;
}

/** A string at a path; throws (failing the test) when it is not one. */
export function str(value: unknown, path: string): string {
  const found = pick(value, path);
  if (typeof found !== 'string')
    throw new Error(`expected a string at ${path}, got ${JSON.stringify(found)}`);
  return found;
}

/** An array at a path (empty when absent). */
export function list(value: unknown, path: string): unknown[] {
  const found = pick(value, path);
  return Array.isArray(found) ? found : [];
}

/** The validation messages of element `index` in a response (per-element or 400 Elements). */
export function messagesOf(body: unknown, collection: string, index = 0): string[] {
  const element = pick(body, `${collection}.${index}`) ?? pick(body, `Elements.${index}`);
  return list(element, 'ValidationErrors').map((e) => str(e, 'Message'));
}

function parseMaybe(text: string): unknown {
  try {
    return text ? (JSON.parse(text) as unknown) : undefined;
  } catch {
    return text;
  }
}

export function basic(id: string, secret: string): string {
  return `Basic ${Buffer.from(`${id}:${secret}`).toString('base64')}`;
}

export function form(values: Record<string, string>): {
  body: string;
  headers: Record<string, string>;
} {
  return {
    body: new URLSearchParams(values).toString(),
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
  };
}

/** Runs the authorization-code flow with PKCE and returns the token response. */
export async function connectApp(
  sandbox: XeroSandbox,
  client: { clientId: string; clientSecret: string },
  scope: string,
): Promise<Record<string, unknown>> {
  const verifier = randomBytes(32).toString('base64url');
  const challenge = createHash('sha256').update(verifier).digest('base64url');
  const query = new URLSearchParams({
    response_type: 'code',
    client_id: client.clientId,
    redirect_uri: REDIRECT_URI,
    scope,
    state: 'xyz',
    code_challenge: challenge,
    code_challenge_method: 'S256',
  });
  const consent = await fetch(`${sandbox.urls.authorize}?${query.toString()}`, {
    redirect: 'manual',
  });
  const code = new URL(consent.headers.get('location') ?? '').searchParams.get('code') ?? '';
  const { body, headers } = form({
    grant_type: 'authorization_code',
    code,
    redirect_uri: REDIRECT_URI,
    code_verifier: verifier,
  });
  const res = await fetch(sandbox.urls.token, {
    method: 'POST',
    headers: { ...headers, authorization: basic(client.clientId, client.clientSecret) },
    body,
  });
  return (await res.json()) as Record<string, unknown>;
}

export async function startTestSandbox(options: TestSandboxOptions = {}): Promise<TestSandbox> {
  const clock = options.clock ?? makeManualClock(Date.UTC(2026, 2, 15, 9, 0, 0));
  const exchanges: Exchange[] = [];
  const {
    region = 'AU',
    scope = 'openid profile email offline_access accounting.transactions accounting.contacts accounting.settings',
    ...rest
  } = options;
  // Functional tests run with the rate limits off (limits.test.ts switches them on).
  const sandbox = await startXeroSandbox({
    limits: { enabled: false },
    ...rest,
    clock,
    onExchange: (e) => exchanges.push(e),
  });
  const org = sandbox.control.createOrganisation({ name: 'Test Practice', region });
  const client = sandbox.control.registerClient({ redirectUris: [REDIRECT_URI] });
  const tokens = await connectApp(sandbox, client, scope);
  const accessToken = String(tokens.access_token);
  const api = async (
    method: string,
    path: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ): Promise<ApiResult> => {
    const res = await fetch(`${sandbox.urls.api}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${accessToken}`,
        'xero-tenant-id': org.tenantId,
        accept: 'application/json',
        ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
        ...headers,
      },
      ...(body !== undefined
        ? { body: typeof body === 'string' ? body : JSON.stringify(body) }
        : {}),
    });
    const text = await res.text();
    return { status: res.status, headers: res.headers, text, body: parseMaybe(text) };
  };
  return {
    sandbox,
    clock,
    tenantId: org.tenantId,
    clientId: client.clientId,
    clientSecret: client.clientSecret,
    accessToken,
    refreshToken: String(tokens.refresh_token),
    exchanges,
    api,
    stop: () => sandbox.stop(),
  };
}

/** A valid ACCREC invoice element with one 100.00 line on account 200, overridable. */
export function invoiceElement(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    Type: 'ACCREC',
    Contact: { Name: 'Harbour Dental' },
    Date: '2026-03-10',
    DueDate: '2026-04-09',
    Status: 'AUTHORISED',
    LineItems: [{ Description: 'Consultation', Quantity: 1, UnitAmount: 100, AccountCode: '200' }],
    ...overrides,
  };
}

/** PUTs one invoice (summarizeErrors=false) and returns its id; throws when it fails. */
export async function createInvoice(
  t: TestSandbox,
  overrides: Record<string, unknown> = {},
): Promise<string> {
  const res = await t.api('PUT', '/Invoices?summarizeErrors=false', {
    Invoices: [invoiceElement(overrides)],
  });
  if (pick(res.body, 'Invoices.0.StatusAttributeString') !== 'OK') {
    throw new Error(`invoice not created: ${res.text}`);
  }
  return str(res.body, 'Invoices.0.InvoiceID');
}

/** Pays an invoice through PUT /Payments from account 090 and returns the payment id. */
export async function payInvoice(
  t: TestSandbox,
  invoiceId: string,
  amount: number,
  date = '2026-03-12',
): Promise<string> {
  const res = await t.api('PUT', '/Payments?summarizeErrors=false', {
    Payments: [
      { Invoice: { InvoiceID: invoiceId }, Account: { Code: '090' }, Date: date, Amount: amount },
    ],
  });
  if (pick(res.body, 'Payments.0.StatusAttributeString') !== 'OK')
    throw new Error(`payment failed: ${res.text}`);
  return str(res.body, 'Payments.0.PaymentID');
}
