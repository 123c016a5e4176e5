import { LedgerbridgeError } from '../../errors/ledgerbridge-error.js';
import { openStore } from '../../store/index.js';
import { planKeyReset, resetUnopenableTokens, type KeyReset } from '../../xero/key-reset.js';
import { dropSourceCredentials, unopenableSources } from '../../sources/credentials.js';
import { sealingKey } from '../../xero/xero-runtime.js';
import { confirmTyped, type PromptStreams } from '../confirm.js';
import type { CommandContext } from '../context.js';

export interface KeysResetOptions {
  readonly yes?: boolean;
}

export interface KeysResetResult extends KeyReset {
  /** Sources whose credentials the key could not open, dropped: connect them again. */
  readonly sources: readonly string[];
  /** The id of LEDGERBRIDGE_SECRET_KEY, which new tokens will be sealed with. */
  readonly keyId: string;
}

/**
 * `ledgerbridge keys reset`: drops the stored Xero tokens LEDGERBRIDGE_SECRET_KEY cannot open,
 * after confirmation, and marks their organisations "needs reconnecting"; links, mappings and
 * routes stay, so `connect xero` and the next sync carry on without duplicating anything.
 */
export async function runKeysReset(
  ctx: CommandContext,
  options: KeysResetOptions,
  streams?: PromptStreams,
): Promise<KeysResetResult> {
  const key = sealingKey(ctx.config);
  const { db } = await openStore(ctx.config, 'existing');
  try {
    const plan = { ...(await planKeyReset(db, key)), sources: await unopenableSources(db, key) };
    const dropping = plan.tokenSets.length + plan.sources.length;
    if (dropping > 0) {
      ctx.out.note(describePlan(plan, key.id));
      const confirmed = await confirmTyped(
        dropping === 1 ? 'Drop it?' : 'Drop them?',
        { yes: options.yes, command: 'ledgerbridge keys reset' },
        streams,
      );
      if (!confirmed)
        throw new LedgerbridgeError(
          'LB_CONFIRMATION_NEEDED',
          'Not confirmed: nothing was changed',
          {
            fix: 'Run `ledgerbridge keys reset` again and type yes, or set LEDGERBRIDGE_SECRET_KEY back to the old key.',
          },
        );
    }
    const reset = plan.tokenSets.length > 0 ? await resetUnopenableTokens(db, key) : plan;
    await db.transaction((tx) => dropSourceCredentials(tx, plan.sources));
    const result = { ...reset, sources: plan.sources, keyId: key.id };
    ctx.out.result(result, renderReset);
    return result;
  } finally {
    await db.close();
  }
}

function describePlan(plan: KeyReset & { sources: readonly string[] }, keyId: string): string {
  const keys = [...new Set(plan.tokenSets.map((t) => t.keyId))].join(', ');
  const orgs = plan.organisations.map((o) => o.name).join(', ') || 'none still connected';
  return [
    ...(plan.tokenSets.length > 0
      ? [
          `${count(plan.tokenSets.length, 'stored Xero token set')} cannot be opened with LEDGERBRIDGE_SECRET_KEY (key ${keyId}; sealed with key ${keys}).`,
          `Dropping ${plan.tokenSets.length === 1 ? 'it' : 'them'} leaves these organisations needing reconnecting: ${orgs}.`,
        ]
      : []),
    ...(plan.sources.length > 0
      ? [
          `The stored credentials of ${count(plan.sources.length, 'source')} cannot be opened either: ${plan.sources.join(', ')}.`,
        ]
      : []),
    'Links to what is already in Xero, documents, cursors, mappings and routes are kept.',
  ].join('\n');
}

function renderReset(r: KeysResetResult): string {
  if (r.tokenSets.length === 0 && r.sources.length === 0)
    return `Every stored Xero token and source credential opens with LEDGERBRIDGE_SECRET_KEY (key ${r.keyId}): nothing to reset.`;
  return [
    ...(r.tokenSets.length > 0
      ? [`Dropped ${count(r.tokenSets.length, 'Xero token set')} that key ${r.keyId} cannot open.`]
      : []),
    ...(r.sources.length > 0
      ? [
          `Dropped the credentials of ${r.sources.join(', ')}: connect ${r.sources.length === 1 ? 'it' : 'them'} again (\`ledgerbridge connect KIND --name SOURCE\`); the next pull carries on from the stored cursor.`,
        ]
      : []),
    ...(r.organisations.length > 0
      ? [
          'Needs reconnecting:',
          ...r.organisations.map((o) => `  ${o.name}  (${o.tenantId})`),
          'Run `ledgerbridge connect xero` to store new tokens under the current key; the next sync carries on from the links already kept.',
        ]
      : []),
  ].join('\n');
}

const count = (n: number, noun: string) => `${n} ${noun}${n === 1 ? '' : 's'}`;
