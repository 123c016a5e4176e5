/**
 * The HTTP API under /api (issue 18, item 5): every route from one table (route-table.ts), each
 * behind its permission, its params, query and body validated by zod before the handler runs,
 * and described at GET /api/openapi.json from the same schemas. Authentication runs in front
 * (it sets `principal`); without it every route answers 401.
 *
 * @module
 */
import { Hono, type Context } from 'hono';
import { z } from 'zod';
import { LedgerbridgeError } from '../errors/ledgerbridge-error.js';
import { requirePermission, type AuthEnv, type Principal } from '../http/principal.js';
import { answerError, invalidRequest } from './api-error.js';
import type { ApiDeps } from './deps.js';
import { openApiDocument } from './openapi.js';
import { activityRoutes } from './routes-activity.js';
import { documentRoutes } from './routes-documents.js';
import { mappingRoutes } from './routes-mappings.js';
import { pushRoutes } from './routes-push.js';
import { setupRoutes } from './routes-setup.js';
import { defineRoute, honoPath, type ApiRoute } from './route-table.js';

export type { ApiDeps } from './deps.js';

/** Every route of the API, in the order the document lists them. */
export function apiRouteTable(deps: ApiDeps): ApiRoute[] {
  const routes = [
    ...setupRoutes(deps),
    ...pushRoutes(deps),
    ...mappingRoutes(deps),
    ...activityRoutes(deps),
    ...documentRoutes(deps),
  ];
  const document = openApiDocument([...routes, openApiRoute(() => document)]);
  return [...routes, openApiRoute(() => document)];
}

function openApiRoute(document: () => unknown): ApiRoute {
  return defineRoute({
    method: 'get',
    path: '/openapi.json',
    permission: 'read',
    summary: 'This description (OpenAPI 3.1)',
    response: z.record(z.string(), z.unknown()),
    handle: () => Promise.resolve(document()),
  });
}

export function apiRoutes(deps: ApiDeps): Hono<AuthEnv> {
  const app = new Hono<AuthEnv>();
  for (const route of apiRouteTable(deps))
    app.on(
      route.method.toUpperCase(),
      honoPath(route.path),
      requirePermission(route.permission),
      (c) => answer(route, deps, c),
    );
  app.notFound((c) =>
    answerError(
      c,
      new LedgerbridgeError('LB_API_NOT_FOUND', `No route ${c.req.method} ${c.req.path}`, {
        fix: 'GET /api/openapi.json lists every route.',
      }),
    ),
  );
  app.onError((error, c) => answerError(c, error));
  return app;
}

async function answer(route: ApiRoute, deps: ApiDeps, c: Context<AuthEnv>): Promise<Response> {
  const params = parse('path', route.params, c.req.param());
  const query = parse('query', route.query, c.req.query());
  const headers = parse('header', route.headers, c.req.header());
  const raw = route.readBody ? await route.readBody(c) : route.body && (await readJson(c));
  const body = route.body ? parse('body', route.body, raw) : undefined;
  const principal: Principal = c.get('principal');
  const result = await route.handle({ params, query, body, headers, principal, db: deps.db }, c);
  return c.json(result as object);
}

function parse(part: string, schema: z.ZodType | undefined, value: unknown): unknown {
  if (!schema) return {};
  const result = schema.safeParse(value);
  if (!result.success) throw invalidRequest(part, result.error.issues);
  return result.data;
}

async function readJson(c: Context): Promise<unknown> {
  try {
    return await c.req.json();
  } catch {
    throw new LedgerbridgeError('LB_USAGE', 'The body is not JSON', {
      fix: 'Send a JSON body with Content-Type: application/json.',
      details: { field: 'body' },
    });
  }
}
