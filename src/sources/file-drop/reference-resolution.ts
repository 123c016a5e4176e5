/**
 * Settles the references the first pass left open. A reference is satisfied by a document this
 * file accepts, or by a live document of the source in the store — unless this import deletes it
 * (a marker), or --full will (its kind is in the import but it is not listed). Contacts are
 * settled before invoices, since an invoice whose contact is missing is rejected, and then so is
 * anything that needed that invoice.
 *
 * @module
 */
import type { DocumentKind, LedgerDocument } from '../../ledger/index.js';
import { documentLabel } from '../../ledger/index.js';
import type { Queryable } from '../../store/database.js';
import { findLiveDocuments } from '../../store/documents-bulk.js';
import type { CheckState, Referrer } from './check-state.js';
import { documentKey, splitKey, type ImportIssue } from './import-issue.js';
import { MARKER, VALID } from './key-index.js';
import { referencesOf } from './references.js';
import { readSpill } from './spill.js';

export interface ResolutionContext {
  readonly db: Queryable;
  readonly source: string;
  readonly file: string;
  readonly full: boolean;
  readonly state: CheckState;
}

const LOOKUP_CHUNK = 5_000;

/** Which of `keys` the store has live for the source, in chunks of 5,000. */
export async function liveInStore(
  ctx: Pick<ResolutionContext, 'db' | 'source'>,
  keys: Iterable<string>,
): Promise<Set<string>> {
  const live = new Set<string>();
  let chunk: string[] = [];
  const flush = async () => {
    const found = await findLiveDocuments(ctx.db, ctx.source, chunk.map(splitKey));
    for (const f of found) live.add(documentKey(f.kind, f.sourceId));
    chunk = [];
  };
  for (const key of keys) {
    chunk.push(key);
    if (chunk.length >= LOOKUP_CHUNK) await flush();
  }
  if (chunk.length > 0) await flush();
  return live;
}

/** Why `target` does not satisfy a reference, or undefined when it does. */
function shortfall(ctx: ResolutionContext, target: string, live: Set<string>): string | undefined {
  const { index } = ctx.state;
  const state = index.state(target);
  const { kind, sourceId } = splitKey(target);
  const name = `${kind.replace('_', ' ')} ${sourceId}`;
  if (state === VALID) return undefined;
  if (state === MARKER)
    return `refers to ${name}, which this import deletes (line ${index.line(target)})`;
  if (!live.has(target))
    return state === undefined
      ? `refers to ${name}, which is neither in this import nor in source ${ctx.source}`
      : `refers to ${name}, which this import rejects (line ${index.line(target)}) and source ${ctx.source} does not have`;
  if (ctx.full && state === undefined && index.kinds.has(kind))
    return `refers to ${name}, which --full deletes: the import lists ${kind.replace('_', ' ')}s but not this one`;
  return undefined;
}

function missing(ctx: ResolutionContext, r: Referrer, target: string, why: string): ImportIssue {
  return {
    code: 'LB_IMPORT_MISSING_REFERENCE',
    file: ctx.file,
    line: r.line,
    ...(r.column === undefined ? {} : { column: r.column }),
    document: r.label,
    field: r.field,
    value: splitKey(target).sourceId,
    message: why,
  };
}

/**
 * During the pass, when many targets are open: those the store has are settled now (and
 * remembered, to re-check at the end), so the open list stays short.
 */
export async function settleFromStore(ctx: ResolutionContext): Promise<void> {
  const { state } = ctx;
  const ask = [...state.pending.keys()].filter((k) => state.index.state(k) !== MARKER);
  const live = await liveInStore(ctx, ask);
  for (const key of ask)
    if (state.index.state(key) === VALID || live.has(key)) {
      if (state.index.state(key) !== VALID) state.storeResolved.add(key);
      state.satisfied(key);
    }
}

/** At the end of the pass: settle every open reference, contacts first, then invoices. */
export async function settleAll(ctx: ResolutionContext): Promise<void> {
  const { state } = ctx;
  const live = await liveInStore(ctx, [...state.pending.keys(), ...state.storeResolved]);
  // Records rejected for other reasons (a duplicate) need no reference issue on top.
  const rejectedBefore = new Set(state.rejectedLines);
  for (const kind of ['contact', 'invoice'] as DocumentKind[])
    for (const [target, referrers] of [...state.pending])
      if (splitKey(target).kind === kind) {
        const why = shortfall(ctx, target, live);
        if (why === undefined) state.satisfied(target);
        else {
          for (const r of referrers)
            if (!rejectedBefore.has(r.line))
              state.rejectLate(r.line, r.key, missing(ctx, r, target, why));
          state.pending.delete(target);
        }
      }
  for (const target of state.storeResolved)
    if (shortfall(ctx, target, live) !== undefined) state.lateInvalid.add(target);
}

/**
 * Documents were accepted against targets the import later rejected or deletes: find them in
 * the spill and reject them too — twice at most (a contact's invoices, then their payments).
 */
export async function cascade(ctx: ResolutionContext, spillPath: string): Promise<void> {
  const { state } = ctx;
  let targets = new Set(state.lateInvalid);
  for (let round = 0; round < 2 && targets.size > 0; round++) {
    const live = await liveInStore(ctx, targets);
    const next = new Set<string>();
    for await (const entries of readSpill(spillPath))
      for (const entry of entries) {
        if (entry.type !== 'U' || state.rejectedLines.has(entry.line)) continue;
        const document = (JSON.parse(entry.pair) as [string, LedgerDocument])[1];
        const broken = referencesOf(document).find(
          (ref) => targets.has(ref.key) && shortfall(ctx, ref.key, live) !== undefined,
        );
        if (!broken) continue;
        const key = documentKey(document.kind, document.sourceId);
        const referrer = {
          line: entry.line,
          label: documentLabel(document),
          field: broken.field,
          key,
          kind: document.kind,
        };
        state.rejectLate(
          entry.line,
          key,
          missing(ctx, referrer, broken.key, shortfall(ctx, broken.key, live)!),
        );
        if (document.kind === 'invoice') next.add(key);
      }
    targets = next;
  }
}
