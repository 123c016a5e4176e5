/**
 * The Actionstep connector: see docs/sources-actionstep.md.
 *
 * @module
 */
export { actionstepSource, ACTIONSTEP_RATE_LIMIT_PER_MINUTE } from './definition.js';
export { connectActionstep, type ActionstepConnectInput } from './connect.js';
export type { ActionstepCredentials } from './credentials.js';
export type { ActionstepApp } from './oauth.js';
