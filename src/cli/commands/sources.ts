/**
 * `ledgerbridge sources`: each source with its kind, entities (and where they are routed), its
 * connection, last pull (when, outcome, counts, requests, 429s, the records it rejected) and
 * cursor. `ledgerbridge disconnect SOURCE` forgets a source's credentials and cursor; its
 * documents stay, and `connect` again resumes with a full read.
 *
 * @module
 */
import { LedgerbridgeError } from '../../errors/ledgerbridge-error.js';
import { openStore, type Queryable } from '../../store/index.js';
import { latestRunOf } from '../../store/runs-repo.js';
import {
  deleteSourceCredentials,
  readSourceCredentials,
} from '../../store/source-credentials-repo.js';
import {
  listRoutes,
  listSources,
  readSourceCursor,
  saveSourceCursor,
  type SourceKind,
} from '../../store/sources-repo.js';
import {
  listWebhooks,
  type SourceWebhook,
  type WebhookStatus,
} from '../../store/source-webhooks-repo.js';
import { shownWebhookStatus } from '../../service/webhook-plan.js';
import type { CommandContext } from '../context.js';

export interface SourceView {
  readonly name: string;
  readonly kind: SourceKind;
  readonly connection:
    'connected' | 'needs reconnecting' | 'not connected' | 'no connection needed';
  readonly connectionNote?: string;
  readonly entities: { entity: string; organisation: string | null }[];
  readonly lastPull?: {
    at: string;
    status: string;
    stats: Record<string, unknown>;
    error: string | null;
  };
  readonly cursor?: Record<string, unknown>;
  /** Webhook subscriptions held at the PMS (docs/service.md), when there are any. */
  readonly webhooks?: WebhookView[];
}

export interface WebhookView {
  readonly model: string;
  readonly status: WebhookStatus;
  readonly expiresAt: string | null;
  readonly reason: string | null;
}

export async function runSources(ctx: CommandContext): Promise<SourceView[]> {
  const { db } = await openStore(ctx.config, 'existing');
  try {
    const views = await readSourceViews(db);
    ctx.out.result(views, (vs) =>
      vs.length === 0 ? 'No sources yet.' : vs.map(render).join('\n\n'),
    );
    return views;
  } finally {
    await db.close();
  }
}

/** Every source as `ledgerbridge sources` and GET /api/sources show it, by name. */
export async function readSourceViews(db: Queryable, now = Date.now()): Promise<SourceView[]> {
  const routes = await listRoutes(db);
  const hooks = await listWebhooks(db);
  const views: SourceView[] = [];
  for (const s of await listSources(db)) {
    const credentials = await readSourceCredentials(db, s.name);
    const run = await latestRunOf(db, s.name, 'pull');
    const cursor = await readSourceCursor(db, s.name);
    views.push({
      name: s.name,
      kind: s.kind,
      connection: connectionOf(s.kind, credentials?.status),
      ...(credentials?.statusReason ? { connectionNote: credentials.statusReason } : {}),
      entities: routes
        .filter((r) => r.source === s.name)
        .map((r) => ({ entity: r.entity, organisation: r.tenantId })),
      ...(run
        ? {
            lastPull: {
              at: run.startedAt.toISOString(),
              status: run.status,
              stats: run.stats,
              error: run.error,
            },
          }
        : {}),
      ...(cursor ? { cursor } : {}),
      ...webhooksOf(hooks, s.name, now),
    });
  }
  return views;
}

function webhooksOf(
  hooks: readonly SourceWebhook[],
  source: string,
  now: number,
): { webhooks?: WebhookView[] } {
  const mine = hooks.filter((h) => h.source === source);
  if (mine.length === 0) return {};
  return {
    webhooks: mine.map((h) => ({
      model: h.model,
      status: shownWebhookStatus(h, now),
      expiresAt: h.expiresAt?.toISOString() ?? null,
      reason: h.statusReason,
    })),
  };
}

function connectionOf(kind: SourceKind, status: string | undefined): SourceView['connection'] {
  if (kind === 'file' || kind === 'push') return 'no connection needed';
  if (!status) return 'not connected';
  return status === 'active' ? 'connected' : 'needs reconnecting';
}

function render(v: SourceView): string {
  const lines = [
    `${v.name} (${v.kind}): ${v.connection}${v.connectionNote ? ` — ${v.connectionNote}` : ''}`,
  ];
  for (const e of v.entities)
    lines.push(`  entity ${e.entity} → ${e.organisation ?? 'not routed'}`);
  if (v.lastPull) {
    const s = v.lastPull.stats as Record<string, number | undefined>;
    lines.push(
      `  last pull ${v.lastPull.at}: ${v.lastPull.status}; ${s.added ?? 0} added, ${s.changed ?? 0} changed, ${s.deleted ?? 0} deleted, ${s.unchanged ?? 0} unchanged, ${s.rejected ?? 0} rejected; ${s.requests ?? 0} requests, ${s.throttled ?? 0} answered 429`,
    );
    if (v.lastPull.error) lines.push(`  error: ${v.lastPull.error}`);
  }
  for (const h of v.webhooks ?? [])
    lines.push(
      `  webhook ${h.model}: ${h.status}${h.expiresAt ? `, expires ${h.expiresAt}` : ''}${h.reason ? ` — ${h.reason}` : ''}`,
    );
  if (v.cursor)
    lines.push(
      `  cursor: ${Object.entries(v.cursor)
        .map(([k, t]) => `${k} ${String(t)}`)
        .join(', ')}`,
    );
  return lines.join('\n');
}

export async function runDisconnectSource(
  ctx: CommandContext,
  source: string,
): Promise<{ source: string }> {
  const { db } = await openStore(ctx.config, 'existing');
  try {
    const removed = await db.transaction(async (tx) => {
      const had = await deleteSourceCredentials(tx, source);
      if (had) await saveSourceCursor(tx, source, undefined);
      return had;
    });
    if (!removed)
      throw new LedgerbridgeError('LB_SOURCE_NOT_CONNECTED', `Source ${source} is not connected`);
    ctx.out.result(
      { source },
      (r) =>
        `Disconnected ${r.source}: its credentials are forgotten; its documents stay in the store.`,
    );
    return { source };
  } finally {
    await db.close();
  }
}
