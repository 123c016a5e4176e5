/**
 * Planning one processor payout (FEATURES P10): the transfer of the net out of the clearing
 * account and the Spend Money of the fees (map/payout-payloads.ts). Each is linked on its own —
 * the transfer under the payout's key, the fees under "ID#fees" (FEES_SUFFIX) — and kept when
 * Xero already holds it as this version would make it; what differs is taken down and made again
 * (Xero cannot change a BankTransfer, reference §10), a deleted payout taken down. Pure.
 *
 * @module
 */
import { documentLabel, type PayoutDoc } from '../../ledger/index.js';
import { payoutPayloads } from '../map/payout-payloads.js';
import { reject, skip, type Operation, type OperationBase } from './operation.js';
import { payloadHash } from './payload-hash.js';
import type { LinkInfo, PlanContext } from './plan-input.js';

/** The fees' link: the payout's source id with this suffix (kind `payout`). */
export const FEES_SUFFIX = '#fees';

export interface PayoutPlanInput {
  readonly doc: PayoutDoc;
  readonly hash: string;
  readonly deleted: boolean;
  /** The transfer's link. */
  readonly link: LinkInfo | undefined;
  readonly feesLink: LinkInfo | undefined;
}

const inXero = (link: LinkInfo | undefined) =>
  link?.xeroId && link.state.removed !== true ? link.xeroId : undefined;

export function planPayout(input: PayoutPlanInput, ctx: PlanContext): Operation {
  const { doc } = input;
  const base: OperationBase = {
    key: { source: doc.source, kind: 'payout', sourceId: doc.sourceId },
    version: input.hash,
    label: documentLabel(doc),
  };
  const transferId = inXero(input.link);
  const feesId = inXero(input.feesLink);
  if (input.deleted || doc.status !== 'active') {
    if (!transferId && !feesId) return skip(base, 'payout', 'deleted in the PMS and not in Xero');
    const takeDown = { ...(transferId && { transfer: transferId }), ...(feesId && { fees: feesId }) }; // prettier-ignore
    return {
      ...base,
      op: 'remove',
      kind: 'payout',
      takeDown,
      make: {},
      takeDownVersion: input.hash,
    };
  }
  const built = payoutPayloads(doc, ctx.mapping, ctx.settings);
  if (!built.ok) return reject(base, 'payout', built);
  const { transfer, fees } = built.value;
  const keepTransfer = transferId && input.link!.state.payloadHash === payloadHash(transfer);
  const keepFees = fees ? feesId && input.feesLink!.state.payloadHash === payloadHash(fees) : !feesId; // prettier-ignore
  const takeDown = {
    ...(transferId && !keepTransfer && { transfer: transferId }),
    ...(feesId && !keepFees && { fees: feesId }),
  };
  const make = { ...(!keepTransfer && { transfer }), ...(fees && !keepFees && { fees }) };
  if (!make.transfer && !make.fees && !takeDown.transfer && !takeDown.fees)
    return {
      ...base,
      op: 'skip',
      kind: 'payout',
      reason: 'Xero already holds this version',
      remember: true,
      keep: { xeroId: transferId!, state: input.link!.state },
    };
  return {
    ...base,
    op: takeDown.transfer || takeDown.fees ? 'update' : 'create',
    kind: 'payout',
    takeDown,
    make,
    // Taken down to be made again: recorded under the old version, so a remake that fails is
    // planned again next time.
    takeDownVersion: input.link?.pushedHash ?? input.hash,
  };
}
