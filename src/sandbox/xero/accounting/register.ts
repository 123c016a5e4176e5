/**
 * Registers every accounting route on the API sub-app.
 *
 * @module
 */
import type { Hono } from 'hono';
import type { SandboxEnv } from '../http/env.js';
import type { SandboxServices } from '../services.js';
import { contactsDef, invoicesDef } from './entities.js';
import { registerReads, registerWrites } from './routes.js';
import { registerSettings } from './settings-routes.js';

export function registerAccounting(api: Hono<SandboxEnv>, services: SandboxServices): void {
  registerSettings(api, services);
  registerReads(api, services, contactsDef);
  registerWrites(api, services, contactsDef, {});
  registerReads(api, services, invoicesDef);
  registerWrites(api, services, invoicesDef, {});
}
