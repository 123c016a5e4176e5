import { LedgerbridgeError } from '../../errors/ledgerbridge-error.js';
import { openStore } from '../../store/index.js';
import { planKeyReset, resetUnopenableTokens, type KeyReset } from '../../xero/key-reset.js';
import { sealingKey } from '../../xero/xero-runtime.js';
import { confirmTyped, type PromptStreams } from '../confirm.js';
import type { CommandContext } from '../context.js';

export interface KeysResetOptions {
  readonly yes?: boolean;
}

export interface KeysResetResult extends KeyReset {
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
    const plan = await planKeyReset(db, key);
    if (plan.tokenSets.length > 0) {
      ctx.out.note(describePlan(plan, key.id));
      const confirmed = await confirmTyped(
        plan.tokenSets.length === 1 ? 'Drop it?' : 'Drop them?',
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
    const result = { ...reset, keyId: key.id };
    ctx.out.result(result, renderReset);
    return result;
  } finally {
    await db.close();
  }
}

function describePlan(plan: KeyReset, keyId: string): string {
  const keys = [...new Set(plan.tokenSets.map((t) => t.keyId))].join(', ');
  const orgs = plan.organisations.map((o) => o.name).join(', ') || 'none still connected';
  return [
    `${count(plan.tokenSets.length, 'stored Xero token set')} cannot be opened with LEDGERBRIDGE_SECRET_KEY (key ${keyId}; sealed with key ${keys}).`,
    `Dropping ${plan.tokenSets.length === 1 ? 'it' : 'them'} leaves these organisations needing reconnecting: ${orgs}.`,
    'Links to what is already in Xero, mappings and routes are kept.',
  ].join('\n');
}

function renderReset(r: KeysResetResult): string {
  if (r.tokenSets.length === 0)
    return `Every stored Xero token opens with LEDGERBRIDGE_SECRET_KEY (key ${r.keyId}): nothing to reset.`;
  return [
    `Dropped ${count(r.tokenSets.length, 'Xero token set')} that key ${r.keyId} cannot open.`,
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
