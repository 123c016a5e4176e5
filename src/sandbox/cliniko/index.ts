/**
 * The Cliniko emulator: a local Cliniko REST API (API-key Basic auth with the shard suffix, the
 * required User-Agent, q[] filters, paging, deleted and archived records, 64-bit string ids,
 * 3-place money strings, 200 requests a minute per user) with a control surface, for the
 * connector's contract tests, the demo and benchmarks. See docs/cliniko-emulator.md.
 *
 * @module
 */
export { startClinikoEmulator, type ClinikoEmulator } from './emulator.js';
export type { ClinikoEmulatorOptions } from './services.js';
export { CLINIKO_RATE_LIMIT } from './services.js';
export { ClinikoControl } from './control.js';
export { PracticeUser, INVOICE_STATUS, type NewInvoice, type NewItem } from './practice.js';
export type { SeededClinic } from './seed.js';
export { ClinikoEmulatorError } from './state.js';
export { DEFAULT_PER_PAGE, MAX_PER_PAGE } from './query.js';
