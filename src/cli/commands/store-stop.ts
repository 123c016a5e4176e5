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
  /** It did not answer, and was killed (cli/warm/silence.ts). */
  readonly ended: boolean;
}

export async function runStoreStop(ctx: CommandContext): Promise<StoreStopResult> {
  const { dataDir, databaseUrl, warmAnswerSeconds } = ctx.config;
  const path = databaseUrl ? undefined : socketPath(dataDir);
  const reply = path ? await stopWarm(path, dataDir, warmAnswerSeconds * 1000) : undefined;
  if (reply?.type === 'refused')
    throw new LedgerbridgeError(
      'LB_STORE_LOCKED',
      `The store in ${dataDir} is held by \`ledgerbridge serve\` (process ${reply.pid}), not a warm store process`,
      { fix: 'Stop `ledgerbridge serve` (Ctrl-C or SIGTERM) to let the store go.' },
    );
  const stopped = reply?.type === 'stopped' || reply?.type === 'ended';
  const result = {
    dataDir,
    stoppedPid: stopped ? reply.pid : null,
    ended: reply?.type === 'ended',
  };
  ctx.out.result(result, (r) =>
    r.stoppedPid === null
      ? `No warm store process for ${r.dataDir}.`
      : r.ended
        ? `Ended the warm store process ${r.stoppedPid} of ${r.dataDir}: it had not answered for ${warmAnswerSeconds} s.`
        : `Stopped the warm store process ${r.stoppedPid} of ${r.dataDir}.`,
  );
  return result;
}
