/**
 * `ledgerbridge connect cliniko --api-key KEY [--name NAME] [--currency AUD]`: checks the key
 * against Cliniko (its shard picks the host), then stores it sealed under
 * LEDGERBRIDGE_SECRET_KEY and names the clinic's businesses as the source's entities
 * (sources/cliniko/connect.ts). The key is never printed or logged.
 *
 * @module
 */
import { LedgerbridgeError } from '../../errors/ledgerbridge-error.js';
import { connectClinikoAs } from '../../service/pms-apps.js';
import type { SourceAccount } from '../../sources/source.js';
import { openStore } from '../../store/index.js';
import type { SourceKind } from '../../store/sources-repo.js';
import type { CommandContext } from '../context.js';
import { runConnectActionstep } from './connect-actionstep.js';
import { runConnectClio } from './connect-clio.js';

export interface ConnectSourceOptions {
  readonly apiKey?: string;
  readonly name?: string;
  readonly currency?: string;
  /** actionstep, clio: false prints the consent address without opening a browser. */
  readonly open?: boolean;
  /** clio: the firm's region (default CLIO_REGION). */
  readonly region?: string;
}

export interface ConnectedSource {
  readonly source: string;
  readonly kind: SourceKind;
  readonly account: string;
  readonly entities: Record<string, string>;
}

export async function runConnectSource(
  ctx: CommandContext,
  kind: string,
  options: ConnectSourceOptions,
): Promise<ConnectedSource> {
  if (kind === 'actionstep') return runConnectActionstep(ctx, options);
  if (kind === 'clio') return runConnectClio(ctx, options);
  if (kind !== 'cliniko')
    throw new LedgerbridgeError('LB_USAGE', `Cannot connect "${kind}" yet`, {
      fix: 'Use `ledgerbridge connect xero`, `ledgerbridge connect cliniko --api-key KEY`, `ledgerbridge connect clio` or `ledgerbridge connect actionstep`.',
    });
  const apiKey = options.apiKey ?? ctx.config.sources.clinikoApiKey;
  if (!apiKey)
    throw new LedgerbridgeError('LB_USAGE', 'No Cliniko API key given', {
      fix: 'Pass --api-key KEY or set CLINIKO_API_KEY (Cliniko: My Info → Manage API keys).',
    });
  const source = options.name ?? kind;
  const { db } = await openStore(ctx.config, 'existing');
  let account: SourceAccount;
  try {
    account = await connectClinikoAs(ctx.config, db, {
      source,
      apiKey,
      ...(options.currency ? { currency: options.currency } : {}),
    });
  } finally {
    await db.close();
  }
  const result = {
    source,
    kind: 'cliniko' as const,
    account: account.label,
    entities: Object.fromEntries(account.entities),
  };
  ctx.out.result(
    result,
    (r) =>
      `Connected ${r.account} (Cliniko) as source ${r.source}; entities: ${
        Object.entries(r.entities)
          .map(([e, n]) => `${e} (${n})`)
          .join(', ') || 'none'
      }.\nNext: \`ledgerbridge pull ${r.source}\`, then route each entity with \`ledgerbridge map route\`.`,
  );
  return result;
}
