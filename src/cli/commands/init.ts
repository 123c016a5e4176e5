import { openStore } from '../../store/index.js';
import type { CommandContext } from '../context.js';

export interface InitResult {
  readonly backend: string;
  readonly location: string;
  readonly schemaVersion: number;
  readonly applied: readonly number[];
}

/** `ledgerbridge init`: creates (or upgrades) the store. Safe to run again. */
export async function runInit(ctx: CommandContext): Promise<InitResult> {
  const { db, migration, schemaVersion } = await openStore(ctx.config, 'init');
  try {
    const result = {
      backend: db.backend,
      location: db.location,
      schemaVersion,
      applied: migration?.applied ?? [],
    };
    ctx.out.result(result, (r) =>
      r.applied.length > 0
        ? `Store ready: ${r.backend} at ${r.location} (schema ${r.schemaVersion}; applied ${r.applied.join(', ')}).\nNext: \`ledgerbridge connect xero\` to connect your Xero organisation, then \`ledgerbridge status\`.`
        : `Store already up to date: ${r.backend} at ${r.location} (schema ${r.schemaVersion}).`,
    );
    return result;
  } finally {
    await db.close();
  }
}
