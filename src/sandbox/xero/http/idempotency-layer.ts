/**
 * The Idempotency-Key layer of PUT and POST accounting calls (idempotency.ts has the rules).
 * It sits inside the fault layer, so a write that was applied and then "failed" on the way out
 * was still recorded: a retry with the same key gets the real answer, not a second document.
 *
 * @module
 */
import type { MiddlewareHandler } from 'hono';
import { validationException } from '../accounting/batch.js';
import {
  MAX_IDEMPOTENCY_KEY_LENGTH,
  idempotencyConflictMessage,
  requestFingerprint,
} from '../idempotency.js';
import type { StoredAnswer } from '../idempotency.js';
import type { SandboxServices } from '../services.js';
import type { SandboxEnv } from './env.js';
import { send } from './env.js';

function answerOf(stored: StoredAnswer): Response {
  return new Response(stored.body, {
    status: stored.status,
    headers: { 'content-type': stored.contentType },
  });
}

function badRequest(message: string): Response {
  const body = { ...validationException([]), Message: message };
  delete (body as { Elements?: unknown }).Elements;
  return send({ status: 400, body });
}

export function idempotencyLayer(services: SandboxServices): MiddlewareHandler<SandboxEnv> {
  return async (c, next) => {
    const key = c.req.header('idempotency-key');
    if (key === undefined || (c.req.method !== 'PUT' && c.req.method !== 'POST')) return next();
    if (key.length > MAX_IDEMPOTENCY_KEY_LENGTH) {
      return badRequest(
        `Idempotency Key: ${key.slice(0, 20)}… is longer than ${MAX_IDEMPOTENCY_KEY_LENGTH} characters.`,
      );
    }
    const url = new URL(c.req.url);
    const fingerprint = requestFingerprint(
      c.req.method,
      `${url.pathname}${url.search}`,
      await c.req.text(),
    );
    const scope = `${c.get('clientId')}\u0000${c.get('tenantId')}`;
    for (;;) {
      const start = services.idempotency.begin(scope, key, fingerprint);
      if (start.kind === 'conflict') return badRequest(idempotencyConflictMessage(key));
      if (start.kind === 'replay') {
        const stored = await start.answer;
        if (!stored) continue; // the first call gave up without acting: act now
        services.stats.replay();
        return answerOf(stored);
      }
      try {
        await next();
      } catch (error) {
        start.abandon();
        throw error;
      }
      const res = c.res;
      start.complete({
        status: res.status,
        body: await res.clone().text(),
        contentType: res.headers.get('content-type') ?? 'application/json',
      });
      return;
    }
  };
}
