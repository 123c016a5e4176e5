/**
 * `ledgerbridge demo` (what `npm start` runs): a throwaway embedded store beside the current
 * folder, the sample practice's sources, and the status. It grows with the product: each capability
 * that lands adds its step here.
 *
 * @module
 */
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { LedgerbridgeError } from '../../errors/ledgerbridge-error.js';
import {
  ensureEntity,
  ensureSource,
  openStore,
  readStoreStatus,
  type StoreStatus,
} from '../../store/index.js';
import type { CommandContext } from '../context.js';
import { renderStatus } from './status.js';

export const DEMO_DIR = '.ledgerbridge-demo';

/** The sample practice: a clinic and a law firm with two legal entities (FEATURES R3). */
const DEMO_SOURCES = [
  { name: 'demo-clinic', entities: ['default'] },
  { name: 'demo-lawfirm', entities: ['office', 'trust'] },
] as const;

export async function runDemo(ctx: CommandContext): Promise<StoreStatus> {
  const dataDir = resolve(ctx.flags.dataDir ?? DEMO_DIR);
  clearPreviousDemo(dataDir);
  ctx.out.line(`Ledgerbridge demo — embedded store in ${dataDir} (no server needed)`);
  const { db, schemaVersion } = await openStore({ dataDir }, 'init');
  try {
    ctx.out.line(`  ✓ created the store (schema ${schemaVersion})`);
    for (const source of DEMO_SOURCES) {
      await ensureSource(db, source.name, 'file');
      for (const entity of source.entities) await ensureEntity(db, source.name, entity);
      ctx.out.line(
        `  ✓ registered source ${source.name} (entities: ${source.entities.join(', ')})`,
      );
    }
    const status = await readStoreStatus(db, schemaVersion);
    ctx.out.result(
      status,
      (s) => `\n${renderStatus(s)}\n\nSee docs/roadmap.md for what the demo does next.`,
    );
    return status;
  } finally {
    await db.close();
  }
}

/** Each demo starts afresh, but only ever deletes a directory that is a Ledgerbridge store. */
function clearPreviousDemo(dataDir: string): void {
  if (!existsSync(dataDir)) return;
  const marker = join(dataDir, 'ledgerbridge.json');
  let ours: boolean;
  try {
    ours = (JSON.parse(readFileSync(marker, 'utf8')) as { app?: string }).app === 'ledgerbridge';
  } catch {
    ours = false;
  }
  if (!ours)
    throw new LedgerbridgeError(
      'LB_STORE_FOREIGN',
      `Demo directory ${dataDir} exists and is not a Ledgerbridge store`,
      {
        fix: 'Move it away, or pass --data-dir to run the demo elsewhere.',
      },
    );
  if (existsSync(join(dataDir, 'ledgerbridge.lock')))
    throw new LedgerbridgeError(
      'LB_STORE_LOCKED',
      `Demo directory ${dataDir} is in use by another Ledgerbridge process`,
    );
  rmSync(dataDir, { recursive: true, force: true });
}
