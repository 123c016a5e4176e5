/**
 * Signing in and out, and creating the first admin: `GET/POST /login`, `POST /logout`,
 * `GET/POST /setup`, and `GET /me` (who is signed in, with the CSRF token scripts send back).
 * `POST /login` and `POST /setup` take a form or JSON; a form is answered with a redirect, JSON
 * with JSON. The cookie is `HttpOnly`, `SameSite=Lax`, and `Secure` when the public URL is https.
 *
 * @module
 */
import type { Context } from 'hono';
import { Hono } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { LedgerbridgeError } from '../errors/ledgerbridge-error.js';
import { LoginThrottle } from '../auth/login-throttle.js';
import { ABSOLUTE_MS, principalOfSession, signIn, signOut } from '../auth/sessions.js';
import { setUpFirstAdmin } from '../auth/users.js';
import type { Database } from '../store/database.js';
import { SESSION_COOKIE } from './authenticate.js';
import { errorResponse } from './error-response.js';
import { loginPage, setupPage } from './account-pages.js';
import type { AuthEnv } from './principal.js';

export interface AccountRouteOptions {
  readonly db: Database;
  /** Secure cookies: set when LEDGERBRIDGE_PUBLIC_URL is https. */
  readonly secureCookie: boolean;
  readonly throttle?: LoginThrottle;
}

export function accountRoutes(options: AccountRouteOptions): Hono<AuthEnv> {
  const { db } = options;
  const throttle = options.throttle ?? new LoginThrottle();
  const app = new Hono<AuthEnv>();
  app.get('/login', (c) => c.html(loginPage(safeNext(c.req.query('next')))));
  app.post('/login', async (c) => {
    const body = await readBody(c);
    try {
      const signed = await signIn(db, {
        email: body.email ?? '',
        password: body.password ?? '',
        address: clientAddress(c),
        throttle,
      });
      setCookie(c, SESSION_COOKIE, signed.sessionId, {
        httpOnly: true,
        sameSite: 'Lax',
        secure: options.secureCookie,
        path: '/',
        maxAge: ABSOLUTE_MS / 1000,
      });
      if (body.form) return c.redirect(safeNext(body.next), 303);
      return c.json({
        email: signed.principal.name,
        role: signed.principal.role,
        csrfToken: signed.csrfToken,
      });
    } catch (error) {
      const retry =
        error instanceof LedgerbridgeError ? error.details.retryAfterSeconds : undefined;
      if (typeof retry === 'number') c.header('Retry-After', String(retry));
      return errorResponse(c, error);
    }
  });
  app.post('/logout', async (c) => {
    const cookie = getCookie(c, SESSION_COOKIE);
    const principal = c.get('principal') as AuthEnv['Variables']['principal'] | undefined;
    if (cookie && principal) await signOut(db, cookie, principal.name);
    deleteCookie(c, SESSION_COOKIE, { path: '/', secure: options.secureCookie });
    return c.redirect('/login', 303);
  });
  app.get('/setup', (c) => c.html(setupPage(c.req.query('token') ?? '')));
  app.post('/setup', async (c) => {
    const body = await readBody(c);
    try {
      const user = await setUpFirstAdmin(db, {
        token: body.token ?? '',
        email: body.email ?? '',
        password: body.password ?? '',
      });
      if (body.form) return c.redirect('/login', 303);
      return c.json({ email: user.email, role: user.role }, 201);
    } catch (error) {
      return errorResponse(c, error);
    }
  });
  app.get('/me', (c) => whoAmI(c, db));
  return app;
}

async function whoAmI(c: Context<AuthEnv>, db: Database): Promise<Response> {
  const principal = c.get('principal');
  const cookie = getCookie(c, SESSION_COOKIE);
  const session =
    cookie && principal.kind === 'user' ? await principalOfSession(db, cookie) : undefined;
  return c.json({
    kind: principal.kind,
    name: principal.name,
    role: principal.role,
    ...(session && { csrfToken: session.csrfToken }),
  });
}

interface Body {
  readonly form: boolean;
  readonly [field: string]: string | boolean | undefined;
  readonly email?: string;
  readonly password?: string;
  readonly token?: string;
  readonly next?: string;
}

async function readBody(c: Context): Promise<Body> {
  const type = c.req.header('content-type') ?? '';
  if (type.startsWith('application/json')) {
    const json = (await c.req.json().catch(() => ({}))) as Record<string, unknown>;
    return { form: false, ...strings(json) };
  }
  return { form: true, ...strings(await c.req.parseBody()) };
}

function strings(input: Record<string, unknown>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(input).filter((e): e is [string, string] => typeof e[1] === 'string'),
  );
}

/** Only a path on this server: `//evil.example` and absolute URLs would be an open redirect. */
function safeNext(next: string | undefined): string {
  return next && next.startsWith('/') && !next.startsWith('//') && !next.startsWith('/\\')
    ? next
    : '/';
}

/** The peer's address (@hono/node-server puts the socket in env); not X-Forwarded-For, which anyone can send. */
function clientAddress(c: Context): string {
  const env = c.env as { incoming?: { socket?: { remoteAddress?: string } } } | undefined;
  return env?.incoming?.socket?.remoteAddress ?? 'unknown';
}
