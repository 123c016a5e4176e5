/**
 * Registers every accounting route on the API sub-app.
 *
 * @module
 */
import type { Hono } from 'hono';
import { notFound, send, type SandboxEnv } from '../http/env.js';
import type { SandboxServices } from '../services.js';
import { registerAllocations } from './allocation-routes.js';
import {
  bankTransactionsDef,
  bankTransfersDef,
  contactsDef,
  creditNotesDef,
  invoicesDef,
  manualJournalsDef,
  overpaymentsDef,
  paymentDeleteDef,
  paymentsDef,
  prepaymentsDef,
} from './entities.js';
import type { EntityDef } from './entity.js';
import { writePayment } from './payments.js';
import { historyOf } from './history.js';
import { envelope, FULL_VIEW } from './render-common.js';
import { orgOf, registerReads, registerWrites, singleWrite } from './routes.js';
import { registerSettings } from './settings-routes.js';
import { deleteBankTransfer } from './transfers.js';

export function registerAccounting(api: Hono<SandboxEnv>, services: SandboxServices): void {
  registerSettings(api, services);
  registerEntity(api, services, contactsDef);
  registerEntity(api, services, invoicesDef);
  registerEntity(api, services, creditNotesDef);
  registerEntity(api, services, bankTransactionsDef);
  registerEntity(api, services, manualJournalsDef);
  registerReads(api, services, overpaymentsDef);
  registerReads(api, services, prepaymentsDef);
  registerHistory(api, services, overpaymentsDef);
  registerHistory(api, services, prepaymentsDef);
  registerAllocations(api, services);
  registerPayments(api, services);
  registerTransfers(api, services);
}

/** GET, PUT, POST and POST /{id} of an entity, and its history. */
function registerEntity<D>(
  api: Hono<SandboxEnv>,
  services: SandboxServices,
  def: EntityDef<D>,
): void {
  registerReads(api, services, def);
  registerWrites(api, services, def, {});
  registerHistory(api, services, def);
}

/** `GET /{Collection}/{id}/History` (history.ts); 404 for a document the organisation lacks. */
function registerHistory<D>(
  api: Hono<SandboxEnv>,
  services: SandboxServices,
  def: EntityDef<D>,
): void {
  api.get(`/${def.collection}/:id/History`, (c) => {
    const org = orgOf(services, c);
    const doc = def.get(org, c.req.param('id'));
    if (doc === undefined) return notFound();
    const id = String(def.render(org, doc, FULL_VIEW)[def.idField]);
    const body = envelope(services.clock.now(), { HistoryRecords: historyOf(org, id) });
    return send({ status: 200, body });
  });
}

/** PUT /Payments (batch), POST /Payments (one, no summarizeErrors), POST /Payments/{id} (delete). */
function registerPayments(api: Hono<SandboxEnv>, services: SandboxServices): void {
  registerReads(api, services, paymentsDef);
  registerHistory(api, services, paymentsDef);
  registerWrites(api, services, paymentsDef, { post: false, postById: false });
  api.post(
    '/Payments',
    singleWrite(services, paymentsDef, (ctx, e) => writePayment(ctx, e, 'post')),
  );
  registerWrites(api, services, paymentDeleteDef, { put: false, post: false });
}

/** PUT /BankTransfers (no summarizeErrors), POST /BankTransfers and /BankTransfers/{id} (delete). */
function registerTransfers(api: Hono<SandboxEnv>, services: SandboxServices): void {
  registerReads(api, services, bankTransfersDef);
  registerHistory(api, services, bankTransfersDef);
  registerWrites(api, services, bankTransfersDef, {
    post: false,
    postById: false,
    summarizeParam: false,
  });
  registerWrites(api, services, { ...bankTransfersDef, write: deleteBankTransfer }, { put: false });
}
