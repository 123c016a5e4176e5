/**
 * The Actionstep emulator: a local Actionstep REST API (OAuth 2.0 with per-organisation
 * api_endpoint, JSON:API-style resources, REST hooks) with a control surface, for the connector's
 * tests, the demo and benchmarks. See docs/actionstep-emulator.md.
 *
 * @module
 */
export { startActionstepEmulator } from './emulator.js';
export type { ActionstepEmulator, ActionstepEmulatorUrls } from './emulator.js';
export type { ActionstepEmulatorOptions, NewOrganisation } from './services.js';
export { ActionstepControl } from './control.js';
export type { AppRegistration, OrganisationSummary } from './control.js';
export type { AppRecord } from './oauth.js';
export { PracticeUser } from './practice.js';
export type * from './practice-inputs.js';
export type { LawFirmSeed } from './seed.js';
export type {
  EmulatorStats,
  FaultConfig,
  FaultKind,
  FaultRule,
  NthRequestFault,
  RateLimitSettings,
} from './traffic.js';
export { ActionstepEmulatorError } from './errors.js';
export { SUPPORTED_EVENTS } from './webhooks.js';
export { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE } from './query.js';
