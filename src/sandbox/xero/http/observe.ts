/**
 * The outermost layer: counts each call (stats by endpoint, status and organisation) and hands
 * each request and answer to `onExchange` when set. Control routes under /sandbox are neither
 * counted nor observed.
 *
 * @module
 */
import type { MiddlewareHandler } from 'hono';
import type { SandboxServices } from '../services.js';
import type { SandboxEnv } from './env.js';
import { endpointKey } from './env.js';

export function observe(services: SandboxServices): MiddlewareHandler<SandboxEnv> {
  return async (c, next) => {
    if (c.req.path.startsWith('/sandbox')) return next();
    const tap = services.options.onExchange;
    const requestBody = tap && c.req.method !== 'GET' ? await c.req.text() : '';
    await next();
    const endpoint = endpointKey(c.req.method, c.req.path);
    const status = c.get('dropped') ? 'dropped' : c.res.status;
    services.stats.call(endpoint, status, c.get('tenantId'));
    if (!tap) return;
    const url = new URL(c.req.url);
    tap({
      method: c.req.method,
      path: `${url.pathname}${url.search}`,
      endpoint,
      requestBody,
      status,
      responseBody: status === 'dropped' ? '' : await c.res.clone().text(),
      contentType: c.res.headers.get('content-type'),
    });
  };
}
