/**
 * The Clio emulator: a local Clio Manage API v4 (OAuth 2.0 per region, `fields`, cursor and
 * offset paging, ETags, rate-limit headers, webhooks) with a control surface, for the
 * connector's tests, the demo and benchmarks. See docs/clio-emulator.md.
 *
 * @module
 */
export { startClioEmulator } from './emulator.js';
export type { ClioEmulator } from './emulator.js';
export type { ClioEmulatorOptions, NewFirm } from './services.js';
export { ClioControl } from './control.js';
export type { AppRegistration, FirmSummary } from './control.js';
export type { AppRecord } from './oauth.js';
export type { RateLimitSettings } from './rate-limit.js';
export { DEFAULT_RATE_LIMIT } from './rate-limit.js';
export type { Region } from './regions.js';
export { REGIONS, REGION_HOSTS } from './regions.js';
export { ClioEmulatorError } from './errors.js';
export { API_VERSIONS, DEFAULT_API_VERSION } from './rest-routes.js';
export { MAX_LIMIT, OFFSET_CAP } from './query.js';
