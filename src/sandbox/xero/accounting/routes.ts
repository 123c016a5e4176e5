/**
 * The accounting API routes under /api.xro/2.0: GET lists and GET by id, PUT and POST batches,
 * and `POST /{Collection}/{id}` updates, the same way for every entity in the table.
 *
 * @module
 */
import type { Hono } from 'hono';
import type { SandboxContext, SandboxEnv } from '../http/env.js';
import { notFound, parseJson, postDataInvalid, send } from '../http/env.js';
import type { SandboxServices } from '../services.js';
import { recordWrite } from './history.js';
import { msToIsoDate } from '../xero-dates.js';
import { batchAnswer, readElements, readSummarize } from './batch.js';
import type { BatchShape, ElementOutcome } from './batch.js';
import type { WriteContext } from './context.js';
import type { EntityDef, WriteMode } from './entity.js';
import { WhereError, getAnswer, listAnswer, readUnitdp } from './list.js';
import type { ReadRequest } from './list.js';
import type { Organisation } from './organisation.js';
import type { WireObject } from '../wire.js';

export interface WriteRoutes {
  put?: boolean;
  post?: boolean;
  postById?: boolean;
  /** False for endpoints that do not take summarizeErrors (e.g. PUT /BankTransfers). */
  summarizeParam?: boolean;
}

export function orgOf(services: SandboxServices, c: SandboxContext): Organisation {
  const org = services.state.orgs.get(c.get('tenantId'));
  if (!org) throw new Error('authenticated call without an organisation');
  return org;
}

export function readRequestOf(services: SandboxServices, c: SandboxContext): ReadRequest {
  const modifiedSince = c.req.header('if-modified-since');
  return {
    params: new URL(c.req.url).searchParams,
    ...(modifiedSince !== undefined ? { modifiedSince } : {}),
    clientId: c.get('clientId'),
    now: services.clock.now(),
  };
}

/** The write context of an API call (the acting app, the caller's unitdp). */
export function apiContext(services: SandboxServices, c: SandboxContext): WriteContext {
  const now = services.clock.now();
  const tenantId = c.get('tenantId');
  return {
    org: orgOf(services, c),
    now,
    today: msToIsoDate(now),
    unitdp: readUnitdp(new URL(c.req.url).searchParams),
    actor: { kind: 'app', clientId: c.get('clientId') },
    emit: (event) => services.emit({ ...event, tenantId, at: now }, true),
  };
}

function whereFailed(error: WhereError): Response {
  const body = { ErrorNumber: 16, Type: 'QueryParseException', Message: error.message };
  return send({ status: 400, body });
}

export function registerReads<D>(
  api: Hono<SandboxEnv>,
  services: SandboxServices,
  def: EntityDef<D>,
): void {
  api.get(`/${def.collection}`, (c) => {
    try {
      return send(listAnswer(def, orgOf(services, c), readRequestOf(services, c)));
    } catch (error) {
      if (error instanceof WhereError) return whereFailed(error);
      throw error;
    }
  });
  api.get(`/${def.collection}/:id`, (c) => {
    const answer = getAnswer(
      def,
      orgOf(services, c),
      c.req.param('id'),
      readRequestOf(services, c),
    );
    return answer ? send(answer) : notFound();
  });
}

export function registerWrites<D>(
  api: Hono<SandboxEnv>,
  services: SandboxServices,
  def: EntityDef<D>,
  routes: WriteRoutes,
): void {
  const write = def.write;
  if (!write) return;
  const batch = (mode: WriteMode) => async (c: SandboxContext) => {
    const elements = readElements(parseJson(await c.req.text()), def.collection);
    if (!elements) return send(postDataInvalid());
    const ctx = apiContext(services, c);
    const outcomes = elements.map((e) => recorded(services, ctx, write(ctx, e, mode)));
    const summarize =
      routes.summarizeParam === false || readSummarize(new URL(c.req.url).searchParams);
    return send(batchAnswer(def, outcomes, summarize, ctx.now));
  };
  if (routes.put !== false) api.put(`/${def.collection}`, batch('put'));
  if (routes.post !== false) api.post(`/${def.collection}`, batch('post'));
  if (routes.postById !== false) {
    api.post(`/${def.collection}/:id`, async (c) => {
      const element = readElements(parseJson(await c.req.text()), def.collection)?.[0];
      if (!element) return send(postDataInvalid());
      const ctx = apiContext(services, c);
      const outcome = recorded(services, ctx, write(ctx, element, 'post', c.req.param('id')));
      return send(batchAnswer(def, [outcome], true, ctx.now));
    });
  }
}

/** A write of one element per request (no summarizeErrors), answered like a summarised batch. */
export function singleWrite(
  services: SandboxServices,
  shape: BatchShape,
  write: (ctx: WriteContext, element: WireObject, c: SandboxContext) => ElementOutcome,
) {
  return async (c: SandboxContext): Promise<Response> => {
    const element = readElements(parseJson(await c.req.text()), shape.collection)?.[0];
    if (!element) return send(postDataInvalid());
    const ctx = apiContext(services, c);
    return send(
      batchAnswer(shape, [recorded(services, ctx, write(ctx, element, c))], true, ctx.now),
    );
  };
}

/** The outcome, after recording it in the written document's history (history.ts). */
function recorded(
  services: SandboxServices,
  ctx: WriteContext,
  outcome: ElementOutcome,
): ElementOutcome {
  const app =
    ctx.actor.kind === 'app' ? services.state.identity.clients.get(ctx.actor.clientId) : undefined;
  recordWrite(ctx, outcome, app?.name ?? 'an app');
  return outcome;
}
