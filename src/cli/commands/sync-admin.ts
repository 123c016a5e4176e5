/**
 * `ledgerbridge settings`, `ledgerbridge resync --from --to` (re-apply changed settings to past
 * documents, FEATURES I10) and `ledgerbridge unlock KIND SOURCE_ID` ("unlock & re-push", I9).
 *
 * @module
 */
import { userInfo } from 'node:os';
import { LedgerbridgeError } from '../../errors/ledgerbridge-error.js';
import { DOCUMENT_KINDS, type DocumentKind } from '../../ledger/index.js';
import { openStore } from '../../store/index.js';
import { unlockDocument } from '../../service/unlock-document.js';
import { saveSyncSettings } from '../../service/save-sync-settings.js';
import { loadSyncSettings, parseSettingValue } from '../../sync/sync-settings.js';
import type { CommandContext } from '../context.js';
import { syncOnce } from './sync.js';
import { requestWorkingPass } from '../../sync/idle/pass-mark.js';

export async function runSettings(
  ctx: CommandContext,
  action: string | undefined,
  key: string | undefined,
  value: string | undefined,
  options: { source?: string },
): Promise<unknown> {
  const { db } = await openStore(ctx.config, 'existing');
  try {
    if (action === 'set') {
      if (!key || value === undefined)
        throw new LedgerbridgeError('LB_USAGE', 'settings set needs KEY VALUE');
      let parsed: unknown;
      try {
        parsed = parseSettingValue(key, value);
      } catch (e) {
        throw new LedgerbridgeError('LB_USAGE', (e as Error).message);
      }
      // Through the one save the API and dashboard use: the same checks, and an audit entry.
      await saveSyncSettings(db, { [key]: parsed }, `cli:${userInfo().username}`, options.source);
    } else if (action !== undefined && action !== 'list')
      throw new LedgerbridgeError('LB_USAGE', `Unknown settings action "${action}"`, {
        fix: 'Use `ledgerbridge settings [list]` or `ledgerbridge settings set KEY VALUE [--source S]`.',
      });
    const settings = await loadSyncSettings(db, options.source ?? '');
    ctx.out.result(settings, (s) =>
      Object.entries(s)
        .map(([k, v]) => `${k.padEnd(28)} ${JSON.stringify(v)}`)
        .join('\n'),
    );
    return settings;
  } finally {
    await db.close();
  }
}

/** Forgets what was decided for documents issued in the range, then syncs them again. */
export async function runResync(
  ctx: CommandContext,
  options: { from?: string; to?: string; source?: string },
): Promise<unknown> {
  if (!options.from || !options.to)
    throw new LedgerbridgeError('LB_USAGE', 'resync needs --from YYYY-MM-DD and --to YYYY-MM-DD');
  const { db } = await openStore(ctx.config, 'existing');
  try {
    const [row] = await db.query<{ n: number }>(
      `WITH docs AS (SELECT source, kind, source_id FROM documents
                     WHERE ($3::text IS NULL OR source = $3)
                       AND COALESCE(content->>'issueDate', content->>'date') BETWEEN $1 AND $2),
            skipped AS (DELETE FROM links l USING docs d WHERE l.source = d.source AND l.kind = d.kind AND l.source_id = d.source_id AND l.xero_id IS NULL RETURNING 1),
            pushed AS (UPDATE links l SET pushed_hash = NULL FROM docs d WHERE l.source = d.source AND l.kind = d.kind AND l.source_id = d.source_id AND l.xero_id IS NOT NULL AND l.kind IN ('invoice', 'credit_note') RETURNING 1)
       SELECT (SELECT count(*) FROM skipped)::int + (SELECT count(*) FROM pushed)::int AS n`,
      [options.from, options.to, options.source ?? null],
    );
    await requestWorkingPass(db); // every organisation's next scheduled pass re-plans (sync/idle/)
    ctx.out.note(
      `Re-planning ${row?.n ?? 0} document(s) issued ${options.from} … ${options.to} with the current settings.`,
    );
    return await syncOnce(ctx, db, { ...(options.source && { source: options.source }) });
  } finally {
    await db.close();
  }
}

export async function runUnlock(
  ctx: CommandContext,
  kind: string,
  sourceId: string,
  options: { source?: string },
): Promise<unknown> {
  if (!DOCUMENT_KINDS.includes(kind as DocumentKind))
    throw new LedgerbridgeError('LB_USAGE', `Unknown kind "${kind}"`, {
      fix: `Use one of ${DOCUMENT_KINDS.join(', ')}.`,
    });
  if (!options.source) throw new LedgerbridgeError('LB_USAGE', 'unlock needs --source NAME');
  const { db } = await openStore(ctx.config, 'existing');
  try {
    const { unlocked } = await unlockDocument(
      db,
      { source: options.source, kind: kind as DocumentKind, sourceId },
      `cli:${userInfo().username}`,
    );
    const result = { unlocked, kind, sourceId };
    ctx.out.result(result, () => `Unlocked ${kind} ${sourceId}: the next sync pushes it again.`);
    return result;
  } finally {
    await db.close();
  }
}
