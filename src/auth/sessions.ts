/**
 * Signing in and out, and what a session cookie stands for. A session ends after 2 hours without a
 * request (idle) and 12 hours after sign-in whatever happens (absolute), as OWASP's session
 * management cheat sheet suggests for applications holding financial data
 * (https://cheatsheetseries.owasp.org/cheatsheets/Session_Management_Cheat_Sheet.html#session-expiration).
 * Only the digest of the cookie's value is stored.
 *
 * @module
 */
import { LedgerbridgeError } from '../errors/ledgerbridge-error.js';
import type { Principal } from '../http/principal.js';
import { appendAudit } from '../store/audit-repo.js';
import type { Database } from '../store/database.js';
import { deleteSession, findSession, insertSession, touchSession } from '../store/sessions-repo.js';
import { findUserByEmail, normaliseEmail } from '../store/users-repo.js';
import type { LoginThrottle } from './login-throttle.js';
import { DECOY_HASH, verifyPassword } from './password.js';
import { digest, randomSecret } from './secret-token.js';

export const IDLE_MS = 2 * 60 * 60_000;
export const ABSOLUTE_MS = 12 * 60 * 60_000;
/** last_seen_at is written at most once a minute, not on every request. */
const TOUCH_EVERY_MS = 60_000;

export interface SignedIn {
  readonly sessionId: string;
  readonly csrfToken: string;
  readonly principal: Principal;
}

export interface SignInInput {
  readonly email: string;
  readonly password: string;
  readonly address: string;
  readonly throttle: LoginThrottle;
  readonly now?: number;
}

export async function signIn(db: Database, input: SignInInput): Promise<SignedIn> {
  const account = normaliseEmail(input.email);
  const now = input.now ?? Date.now();
  const wait = input.throttle.waitFor(account, input.address);
  if (wait > 0) {
    await appendAudit(db, [
      { action: 'login.throttled', actor: account, detail: { address: input.address } },
    ]);
    throw new LedgerbridgeError('LB_AUTH_THROTTLED', 'Too many failed sign-ins', {
      details: { retryAfterSeconds: Math.ceil(wait / 1000) },
    });
  }
  const user = await findUserByEmail(db, account);
  // An unknown e-mail costs a scrypt too, so timing does not tell which e-mails have accounts.
  const ok = await verifyPassword(input.password, user?.passwordHash ?? DECOY_HASH);
  if (!user || !ok) {
    input.throttle.fail(account, input.address);
    await appendAudit(db, [
      { action: 'login.failed', actor: account, detail: { address: input.address } },
    ]);
    throw new LedgerbridgeError('LB_AUTH_LOGIN_FAILED', 'The e-mail or password is wrong');
  }
  input.throttle.succeed(account);
  const sessionId = randomSecret();
  const csrfToken = randomSecret();
  await db.transaction(async (tx) => {
    await insertSession(tx, {
      idHash: digest(sessionId),
      userId: user.id,
      csrfToken,
      expiresAt: new Date(now + ABSOLUTE_MS),
    });
    await appendAudit(tx, [
      { action: 'login', actor: user.email, detail: { address: input.address } },
    ]);
  });
  return {
    sessionId,
    csrfToken,
    principal: { kind: 'user', id: user.id, name: user.email, role: user.role },
  };
}

export interface SessionPrincipal {
  readonly principal: Principal;
  readonly csrfToken: string;
}

/** The signed-in user behind a cookie, or undefined when unknown or expired (an expired one is deleted). */
export async function principalOfSession(
  db: Database,
  sessionId: string,
  now = Date.now(),
): Promise<SessionPrincipal | undefined> {
  const idHash = digest(sessionId);
  const session = await findSession(db, idHash);
  if (!session) return undefined;
  if (now >= session.expiresAt.getTime() || now - session.lastSeenAt.getTime() >= IDLE_MS) {
    await deleteSession(db, idHash);
    return undefined;
  }
  if (now - session.lastSeenAt.getTime() >= TOUCH_EVERY_MS)
    await touchSession(db, idHash, new Date(now));
  return {
    principal: { kind: 'user', id: session.userId, name: session.email, role: session.role },
    csrfToken: session.csrfToken,
  };
}

export async function signOut(db: Database, sessionId: string, actor: string): Promise<void> {
  await db.transaction(async (tx) => {
    await deleteSession(tx, digest(sessionId));
    await appendAudit(tx, [{ action: 'logout', actor }]);
  });
}
