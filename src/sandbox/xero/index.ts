/**
 * The Xero sandbox: a faithful local implementation of the part of Xero Ledgerbridge uses, for
 * the demo, the tests and the benchmarks. See docs/xero-sandbox.md.
 *
 * @module
 */
export { startXeroSandbox, sandboxUrls } from './sandbox.js';
export type { XeroSandbox, XeroSandboxUrls } from './sandbox.js';
export { runXeroSandboxCommand, DEFAULT_DEMO_ORGANISATIONS } from './command.js';
export type { XeroSandboxCommandOptions } from './command.js';
export type { Exchange, XeroSandboxOptions } from './options.js';
export { SandboxControl } from './control/control.js';
export type { LockDates, OrganisationSummary } from './control/control.js';
export { SandboxControlError } from './control/control-error.js';
export type { Bookkeeper, PaymentSpec } from './control/bookkeeper.js';
export type { DailyLimitTier, NewOrganisation } from './accounting/organisation.js';
export type { Region } from './accounting/model.js';
export type { ClientCredentials, ClientRegistration } from './identity/clients.js';
export type { FaultConfig, FaultKind, FaultRule } from './faults.js';
export type { LimitSettings, RateLimitProblem } from './limits.js';
export type { SandboxStats } from './stats.js';
export type { IntentCheck, WebhookSettings, WebhookStatus } from './webhooks.js';
export { signWebhook } from './webhooks.js';
export { XERO_LIMITS } from './limits.js';
