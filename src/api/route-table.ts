/**
 * One table of API routes drives both the Hono handlers and the OpenAPI 3.1 document, so what is
 * validated and what is described can never drift apart: each route names its zod schemas once
 * (params, query, body, answer) and its permission (src/http/principal.ts).
 *
 * @module
 */
import type { Context } from 'hono';
import type { z } from 'zod';
import type { Permission, Principal } from '../http/principal.js';
import type { Database } from '../store/database.js';

export type HttpMethod = 'get' | 'put' | 'patch' | 'post' | 'delete';

export interface RouteInput<P, Q, B, H = unknown> {
  readonly params: P;
  readonly query: Q;
  readonly body: B;
  readonly headers: H;
  readonly principal: Principal;
  readonly db: Database;
}

export interface ApiRoute<
  P extends z.ZodType = z.ZodType,
  Q extends z.ZodType = z.ZodType,
  B extends z.ZodType = z.ZodType,
  H extends z.ZodType = z.ZodType,
> {
  readonly method: HttpMethod;
  /** OpenAPI style, relative to /api: `/sources/{name}`. */
  readonly path: string;
  readonly permission: Permission;
  readonly summary: string;
  readonly params?: P;
  readonly query?: Q;
  readonly body?: B;
  /** Request headers (names in lower case), validated and described like the query. */
  readonly headers?: H;
  /**
   * Reads the body instead of parsing it as JSON (a body that is not one JSON value); what it
   * returns is then checked against `body`.
   */
  readonly readBody?: (c: Context) => Promise<unknown>;
  /** The media types the body is described under (default application/json). */
  readonly bodyTypes?: readonly string[];
  /** Error answers beyond the ones every route has: status → what it means. */
  readonly errors?: Readonly<Record<string, string>>;
  /** The 2xx answer's shape (described, and what the handler returns). */
  readonly response: z.ZodType;
  handle(
    input: RouteInput<z.infer<P>, z.infer<Q>, z.infer<B>, z.infer<H>>,
    c: Context,
  ): Promise<unknown>;
}

/** Types the handler's input from the schemas given. */
export function defineRoute<
  P extends z.ZodType,
  Q extends z.ZodType,
  B extends z.ZodType,
  H extends z.ZodType = z.ZodType,
>(route: ApiRoute<P, Q, B, H>): ApiRoute {
  return route;
}

/** `/sources/{name}` → `/sources/:name` for Hono. */
export function honoPath(path: string): string {
  return path.replace(/\{(\w+)\}/g, ':$1');
}
