/**
 * What a pass plans with besides the documents, reduced to one hash: the entities routed to the
 * organisation, its mappings (their values, not the problems found on them) and each source's
 * sync settings. A pass that finds the hash as the last working pass left it needs no new plan
 * for any of them (quiet-check.ts). Small tables, read by primary key or a short scan.
 *
 * @module
 */
import { createHash } from 'node:crypto';
import type { Queryable } from '../../store/database.js';
import { listMappings } from '../../store/mappings-repo.js';
import { loadSyncSettings } from '../sync-settings.js';

export async function passInputs(
  db: Queryable,
  tenantId: string,
  sources: ReadonlyMap<string, readonly string[]>,
): Promise<string> {
  const routes = [...sources].map(([s, entities]) => [s, [...entities].sort()]).sort();
  const mappings = (await listMappings(db, tenantId)).map((m) => [
    m.source,
    m.type,
    m.key,
    m.value,
  ]);
  const settings = [];
  for (const source of [...sources.keys()].sort())
    settings.push([source, await loadSyncSettings(db, source)]);
  return createHash('sha256')
    .update(JSON.stringify({ routes, mappings, settings }))
    .digest('base64url');
}
