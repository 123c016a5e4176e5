/**
 * Connected sources as the configuration opens them: what a connector gets from the settings (the
 * API base override of an emulator, the contact e-mail, the overlap), the pulls of every connected
 * source that `pull`, `sync` and the service's jobs run, and contacts written back (FEATURES C3).
 *
 * @module
 */
import type { Config } from '../config/index.js';
import { updateCredentials } from './credentials.js';
import { DEFAULT_OVERLAP_MS } from './cursor.js';
import { openSource, pullSource } from './pull/pull-source.js';
import type { PullReport } from './pull/run-pull.js';
import { connectorFor, pulledKinds } from './registry.js';
import type { SourceConnection, SourceOptions } from './source.js';
import type { ContactWriter } from '../sync/execute/run-context.js';
import type { Database } from '../store/database.js';
import { readSourceCredentials } from '../store/source-credentials-repo.js';
import { listSources, type SourceKind, type SourceRow } from '../store/sources-repo.js';
import { sealingKey } from '../xero/xero-runtime.js';

export function sourceOptions(config: Config, kind: SourceKind): Omit<SourceOptions, 'budget'> {
  const baseUrl =
    kind === 'cliniko'
      ? config.sources.clinikoApiUrl
      : kind === 'actionstep'
        ? config.sources.actionstepApiUrl
        : kind === 'clio'
          ? config.sources.clio.baseUrl
          : undefined;
  return {
    overlapMs: DEFAULT_OVERLAP_MS,
    ...(baseUrl ? { baseUrl } : {}),
    ...(config.sources.contactEmail ? { contactEmail: config.sources.contactEmail } : {}),
  };
}

/** Sources read from an API that hold credentials (connected), optionally just `only`. */
export async function connectedSources(db: Database, only?: string): Promise<SourceRow[]> {
  const kinds = new Set(pulledKinds());
  const rows: SourceRow[] = [];
  for (const s of await listSources(db))
    if (
      kinds.has(s.kind) &&
      (only === undefined || s.name === only) &&
      (await readSourceCredentials(db, s.name))
    )
      rows.push(s);
  return rows;
}

/** What opening a connected source takes: its unsealing key, connector and options. */
function sourceInput(config: Config, db: Database, source: SourceRow) {
  return {
    db,
    key: sealingKey(config),
    source,
    definition: connectorFor(source.kind),
    options: {
      ...sourceOptions(config, source.kind),
      // OAuth sources rotate their refresh token while in use: kept at once, sealed.
      saveCredentials: (credentials: unknown) =>
        updateCredentials(db, sealingKey(config), source.name, credentials),
    },
  };
}

/**
 * Writes contacts edited in Xero back to the connected sources whose connector can (FEATURES C3),
 * each source opened once for the run.
 */
export function contactWriter(config: Config, db: Database): ContactWriter {
  const opened = new Map<string, Promise<SourceConnection | undefined>>();
  const open = async (name: string): Promise<SourceConnection | undefined> => {
    const opened = await openConnectedSource(config, db, name);
    return opened?.connection.writeContact ? opened.connection : undefined;
  };
  return async (name, edit) => {
    let connection = opened.get(name);
    if (!connection) opened.set(name, (connection = open(name)));
    const c = await connection;
    return c?.writeContact?.(edit);
  };
}

/** A connected source opened with its credentials; undefined when it is not connected. */
export async function openConnectedSource(
  config: Config,
  db: Database,
  name: string,
): Promise<{ connection: SourceConnection; kind: SourceKind } | undefined> {
  const [source] = await connectedSources(db, name);
  if (!source) return undefined;
  const { connection } = await openSource(sourceInput(config, db, source));
  return { connection, kind: source.kind };
}

export interface SourcePull {
  readonly source: string;
  readonly report?: PullReport;
  /** A pull that could not start (needs reconnecting, no key): its one-line reason. */
  readonly refused?: string;
}

/** Pulls each source in turn; one failing does not stop the others. */
export async function pullSources(
  config: Config,
  db: Database,
  sources: readonly SourceRow[],
  full = false,
): Promise<SourcePull[]> {
  const pulls: SourcePull[] = [];
  for (const source of sources) {
    try {
      const report = await pullSource({ ...sourceInput(config, db, source), full });
      pulls.push({ source: source.name, report });
    } catch (error) {
      const line =
        error instanceof Error && 'toLine' in error
          ? (error as { toLine(): string }).toLine()
          : String(error);
      pulls.push({ source: source.name, refused: line });
    }
  }
  return pulls;
}
