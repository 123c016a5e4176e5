/**
 * `ledgerbridge store stop`: the warm store process of the data directory closes the store and
 * exits (docs/architecture.md, "Warm store process"). `serve` holding the store is not stopped by it.
 *
 * @module
 */
import { LedgerbridgeError } from '../../errors/ledgerbridge-error.js';
import type { CommandContext } from '../context.js';
import { stopWarm } from '../warm/client.js';
import { socketPath } from '../warm/protocol.js';

export interface StoreStopResult {
  readonly dataDir: string;
  /** The process that was stopped; null when there was none. */
  readonly stoppedPid: number | null;
}

export async function runStoreStop(ctx: CommandContext): Promise<StoreStopResult> {
  const { dataDir, databaseUrl } = ctx.config;
  const path = databaseUrl ? undefined : socketPath(dataDir);
  const reply = path ? await stopWarm(path) : undefined;
  if (reply?.type === 'refused')
    throw new LedgerbridgeError(
      'LB_STORE_LOCKED',
      `The store in ${dataDir} is held by \`ledgerbridge serve\` (process ${reply.pid}), not a warm store process`,
      { fix: 'Stop `ledgerbridge serve` (Ctrl-C or SIGTERM) to let the store go.' },
    );
  const result = { dataDir, stoppedPid: reply?.type === 'stopped' ? reply.pid : null };
  ctx.out.result(result, (r) =>
    r.stoppedPid === null
      ? `No warm store process for ${r.dataDir}.`
      : `Stopped the warm store process ${r.stoppedPid} of ${r.dataDir}.`,
  );
  return result;
}
