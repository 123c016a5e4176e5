/**
 * Who is asking, and what each role may do — the one contract between the authentication
 * middleware (sessions and API keys) and every route behind it. FEATURES S8: an accountant reads,
 * retries, reconciles and changes mappings, but never touches connections, users or keys; a
 * viewer only reads.
 *
 * The authentication middleware sets `principal` on the Hono context (or answers 401 itself);
 * routes declare what they need with {@link requirePermission}.
 *
 * @module
 */
import type { MiddlewareHandler } from 'hono';
import { ERROR_CATALOGUE } from '../errors/catalogue.js';

export type Role = 'admin' | 'accountant' | 'viewer';

export type Permission =
  /** Read anything but secrets. */
  | 'read'
  /** Retry sync errors, sync now, lock / unlock / re-push a document. */
  | 'operate'
  /** Change mappings and sync settings. */
  | 'map'
  /** Run and accept reconciliations. */
  | 'reconcile'
  /** Connect and disconnect Xero and PMSs, manage users and API keys. */
  | 'admin';

const GRANTS: Readonly<Record<Role, ReadonlySet<Permission>>> = {
  admin: new Set(['read', 'operate', 'map', 'reconcile', 'admin']),
  accountant: new Set(['read', 'operate', 'map', 'reconcile']),
  viewer: new Set(['read']),
};

export interface Principal {
  readonly kind: 'user' | 'api-key';
  /** The user's or the key's id. */
  readonly id: string;
  /** The user's e-mail or the key's label, for the audit log. */
  readonly name: string;
  readonly role: Role;
  /** A push API key is bound to one source and may only push to it. */
  readonly sourceId?: string;
}

export interface AuthEnv {
  Variables: {
    principal: Principal;
    /** The session's CSRF token, set when a session cookie authenticated the request (pages put it in their forms). */
    csrfToken?: string;
  };
}

export function allows(role: Role, permission: Permission): boolean {
  return GRANTS[role].has(permission);
}

/** 401 without a principal (the authentication middleware did not run or found none), 403 without the grant. */
export function requirePermission(permission: Permission): MiddlewareHandler<AuthEnv> {
  return async (c, next) => {
    const principal = c.get('principal') as Principal | undefined;
    if (!principal)
      return c.json(
        {
          code: 'LB_AUTH_REQUIRED',
          message: 'Sign in first.',
          fix: ERROR_CATALOGUE.LB_AUTH_REQUIRED.fix,
        },
        401,
      );
    if (!allows(principal.role, permission))
      return c.json(
        {
          code: 'LB_AUTH_FORBIDDEN',
          message: `Your role (${principal.role}) cannot do this.`,
          fix: ERROR_CATALOGUE.LB_AUTH_FORBIDDEN.fix,
        },
        403,
      );
    await next();
  };
}
