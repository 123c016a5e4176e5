/**
 * A sync pass in the log: each organisation's pass at `info` (what it will decide, how it
 * ended), each Xero call and each wait for the budget at `debug`. Paths and statuses only: no
 * token, key or document content is logged.
 *
 * @module
 */
import type { SyncObserver } from '../sync/sync-observer.js';
import type { XeroApiDeps } from '../xero/api-client.js';
import type { Logger } from './logger.js';

export function syncLogObserver(log: Logger): SyncObserver {
  return {
    organisation: (e) =>
      log.info({ tenantId: e.tenantId, pending: e.pending }, `sync of ${e.name} starts`),
    phase: (e) => log.debug({ tenantId: e.tenantId, kind: e.kind }, 'phase starts'),
    finished: (e) =>
      log.info(
        { tenantId: e.tenantId, status: e.status, counts: e.counts },
        `sync of ${e.name} ${e.status}`,
      ),
  };
}

/** The API client's hooks that log each call and each wait. */
export function xeroCallLog(log: Logger): Pick<XeroApiDeps, 'onAttempt' | 'onWait'> {
  return {
    onAttempt: (e) => log.debug(e, `Xero ${e.method} ${e.path}: ${e.status}`),
    onWait: (e) => log.debug(e, `waiting ${e.ms} ms for the Xero budget (${e.reason})`),
  };
}
