/**
 * Registers every accounting route on the API sub-app.
 *
 * @module
 */
import type { Hono } from 'hono';
import type { SandboxEnv } from '../http/env.js';
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
import { registerReads, registerWrites, singleWrite } from './routes.js';
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
  registerAllocations(api, services);
  registerPayments(api, services);
  registerTransfers(api, services);
}

/** GET, PUT, POST and POST /{id} of an entity. */
function registerEntity<D>(
  api: Hono<SandboxEnv>,
  services: SandboxServices,
  def: EntityDef<D>,
): void {
  registerReads(api, services, def);
  registerWrites(api, services, def, {});
}

/** PUT /Payments (batch), POST /Payments (one, no summarizeErrors), POST /Payments/{id} (delete). */
function registerPayments(api: Hono<SandboxEnv>, services: SandboxServices): void {
  registerReads(api, services, paymentsDef);
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
  registerWrites(api, services, bankTransfersDef, {
    post: false,
    postById: false,
    summarizeParam: false,
  });
  registerWrites(api, services, { ...bankTransfersDef, write: deleteBankTransfer }, { put: false });
}
