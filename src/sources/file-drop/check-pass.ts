/**
 * The first pass over a file: read every record, validate it, catch duplicates and open
 * references, and write the accepted ones to the spill. Nothing touches the store's documents, so
 * a file with bad rows can still apply nothing at all; the store is only read (references).
 * Reading, parsing and validating happen on the check worker's thread (check-worker.ts); this
 * pass keeps the books — keys, references, rejections — from the facts it sends.
 *
 * @module
 */
import type { Queryable } from '../../store/database.js';
import { CheckState } from './check-state.js';
import { BatchCursor } from './batch-cursor.js';
import type { PageForm } from './checked-batch.js';
import { checkedBatches } from './checked-batches.js';
import { hashFile, type FileFormat } from './file-formats.js';
import { HeapGovernor } from './heap-governor.js';
import type { PageTee } from './page-tee.js';
import type { ByteTally } from './file-reader.js';
import type { ImportIssue } from './import-issue.js';
import { MARKER, PENDING, REJECTED, VALID, type KeyState } from './key-index.js';
import {
  cascade,
  settleAll,
  settleFromStore,
  type ResolutionContext,
} from './reference-resolution.js';
import { TARGET_KINDS } from './references.js';
import { SpillFile } from './spill.js';

export interface CheckOptions {
  readonly db: Queryable;
  readonly source: string;
  readonly entity?: string;
  readonly full: boolean;
  readonly partial: boolean;
  /** The file as reports name it, and its path. */
  readonly file: string;
  readonly path: string;
  readonly format: FileFormat;
  readonly spillDir?: string;
  /** The overlapped apply: accepted records are written as they are checked (page-tee.ts). */
  readonly tee?: PageTee;
  readonly progressEvery: number;
  /** Open targets before the pass asks the store about them (keeps the open list short). */
  readonly settleFromStoreAt: number;
  /** Files of at least this many bytes are checked on a worker thread (checked-batches.ts). */
  readonly workerFromBytes?: number;
  /** From the sources, the worker is dist/'s copy rather than tsx's (tests; checked-batches.ts). */
  readonly compiledWorker?: boolean;
  readonly onProgress?: (line: number) => void;
}

export interface FileCheck {
  readonly lines: number;
  readonly bytes: number;
  readonly hash: string;
  readonly state: CheckState;
  /** Problems with the file as a whole (a CSV header): nothing of it is applied. */
  readonly fileIssues: readonly ImportIssue[];
  /** The accepted records, for the apply pass (none when they were applied as checked). */
  readonly spill?: SpillFile;
}

/**
 * The overlapped import has no spill, and a cascade reads one: it throws this (rolling back its
 * transaction) and the file is imported the two-pass way. It happens only when this file deletes a
 * document its own records were accepted against — and then the file is refused anyway.
 */
export class SpillNeeded extends Error {}

export async function checkFile(options: CheckOptions): Promise<FileCheck> {
  const state = new CheckState();
  const { tee } = options;
  const spill = tee ? undefined : await SpillFile.create(options.spillDir);
  try {
    const tally: ByteTally = { bytes: 0 };
    const heap = new HeapGovernor();
    const pass = new CheckPass(options, state, tee);
    const ctx: ResolutionContext = { ...options, state };
    const form: PageForm = spill ? { kind: 'spill', path: spill.path } : tee!.form;
    const job = { path: options.path, format: options.format, settings: settingsOf(options), form };
    let fileIssues: readonly ImportIssue[] = [];
    let lines = 0;
    let nextProgress = options.progressEvery;
    for await (const batch of checkedBatches(
      job,
      tally,
      options.workerFromBytes,
      options.compiledWorker,
    )) {
      if (batch.fileIssues && batch.fileIssues.length > 0) {
        fileIssues = batch.fileIssues;
        state.records += batch.refused ?? 0;
        state.rejected += batch.refused ?? 0;
        break;
      }
      await takeAll(pass, new BatchCursor(batch), tee);
      await tee?.pace();
      heap.tick();
      lines = batch.lastLine;
      if (state.pending.size >= options.settleFromStoreAt) await settleFromStore(ctx);
      if (lines >= nextProgress) {
        options.onProgress?.(lines);
        nextProgress = (Math.floor(lines / options.progressEvery) + 1) * options.progressEvery;
      }
    }
    if (fileIssues.length === 0) await settle(ctx, spill, options.partial);
    const hash = tally.hash ?? (await hashFile(options.path));
    return { lines, bytes: tally.bytes, hash, state, fileIssues, ...(spill ? { spill } : {}) };
  } catch (error) {
    await spill?.remove();
    throw error;
  }
}

const settingsOf = (o: CheckOptions) => ({
  source: o.source,
  file: o.file,
  ...(o.entity === undefined ? {} : { entity: o.entity }),
});

/**
 * Takes a batch's records (~2,300 invoices a MiB). With the overlapped apply the server waits on
 * Node's event loop — to be handed the next statement once one completes, and for COPY to be sent
 * the data once the server has answered the COPY — so the loop is let run every YIELD_EVERY
 * records while writes are in flight: taking a whole batch at once left the server idle ~4 s of a
 * 22 s million-document import (its CPU 12.5 s; Node's ~4 s idle waiting for it).
 */
async function takeAll(pass: CheckPass, records: BatchCursor, tee?: PageTee) {
  let taken = 0;
  while (records.next()) {
    pass.take(records);
    if (tee && ++taken % YIELD_EVERY === 0) await tee.breathe();
  }
}

const YIELD_EVERY = 250;

async function settle(ctx: ResolutionContext, spill: SpillFile | undefined, partial: boolean) {
  await settleAll(ctx);
  // Without --partial a file with a rejection applies nothing, so a cascade would change nothing.
  if (ctx.state.lateInvalid.size === 0 || (!partial && ctx.state.rejected > 0)) return;
  if (!spill) throw new SpillNeeded();
  await cascade(ctx, spill.path);
}

/** The first pass's books: keys, references, rejections; accepted records on to the tee. */
class CheckPass {
  constructor(
    private readonly options: CheckOptions,
    private readonly state: CheckState,
    private readonly tee?: PageTee,
  ) {}

  take(c: BatchCursor): void {
    const { state } = this;
    state.records++;
    const key = c.key;
    if (key !== undefined) {
      // One lookup finds a duplicate and records the key (a million keys: lookups are the cost).
      // A document starts VALID and becomes PENDING below if a reference of its is still open.
      const as = c.type === 'rejected' ? REJECTED : c.type === 'deletion' ? MARKER : VALID;
      const first = state.index.add(key, c.kind, c.line, as, !c.marker);
      if (first) return this.duplicate(c, key, first);
    }
    if (c.type === 'rejected') {
      state.reject(c.issues());
      if (key === undefined) state.unkeyed++;
      return;
    }
    state.accepted++;
    if (c.type === 'deletion') {
      if (state.storeResolved.has(key!)) state.lateInvalid.add(key!);
      this.tee?.deletion(c.kind, c.sourceId);
      return;
    }
    this.references(c, key!);
    state.entities.add(c.entity);
    this.tee?.document(c.batch.bytes.subarray(c.from, c.to));
  }

  /** Notes each reference not yet known to be satisfied; the document waits on them. */
  private references(c: BatchCursor, key: string): void {
    const { state } = this;
    let open = false;
    for (let i = 0; i < c.refKeys.length; i++) {
      const target = c.refKeys[i]!;
      if (state.index.state(target) === VALID) continue;
      open = true;
      const column = c.refColumn(i);
      state.wait(target, {
        line: c.line,
        ...(column === undefined ? {} : { column }),
        label: c.label(),
        field: c.refFields[i]!,
        key,
        kind: c.kind,
      });
    }
    if (open) state.index.setState(key, PENDING);
  }

  /** The same kind and sourceId twice in one file: neither record is imported. */
  private duplicate(c: BatchCursor, key: string, first: { firstLine: number; was: KeyState }) {
    const { state } = this;
    const at = c.at();
    const issue: ImportIssue = {
      code: 'LB_IMPORT_DUPLICATE_ID',
      file: this.options.file,
      line: at.line,
      ...(at.column === undefined ? {} : { column: at.column }),
      document: c.label(),
      field: 'sourceId',
      value: c.sourceId,
      message: `appears twice in this file, on lines ${first.firstLine} and ${c.line}: ids are unique per kind, so neither record is imported`,
    };
    state.reject([...(c.type === 'rejected' ? c.issues() : []), issue]);
    // The worker spilled it (it cannot know of duplicates): the apply pass must skip it.
    if (c.type !== 'rejected') state.rejectedLines.add(c.line);
    if (first.was === REJECTED) return;
    state.rejectLate(first.firstLine, undefined);
    if (first.was === VALID && TARGET_KINDS.has(c.kind)) state.lateInvalid.add(key);
  }
}
