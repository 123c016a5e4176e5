/**
 * The first pass over a file: read every record, validate it, catch duplicates and open
 * references, and write the accepted ones to the spill. Nothing touches the store's documents, so
 * a file with bad rows can still apply nothing at all; the store is only read (references).
 *
 * @module
 */
import { documentLabel, isDeletionMarker, type DocumentKind } from '../../ledger/index.js';
import type { Queryable } from '../../store/database.js';
import { CheckState } from './check-state.js';
import { readCsvRecords } from './csv-records.js';
import { hashFile, type FileFormat } from './file-formats.js';
import { HeapGovernor } from './heap-governor.js';
import type { PageTee } from './page-tee.js';
import type { ByteTally } from './file-reader.js';
import { documentKey, isDocumentKind, type ImportIssue } from './import-issue.js';
import { readJsonLines } from './jsonl-records.js';
import { MARKER, PENDING, REJECTED, VALID, type KeyState } from './key-index.js';
import type { RawRecord } from './raw-record.js';
import { RecordChecker, type CheckedRecord } from './record-check.js';
import {
  cascade,
  settleAll,
  settleFromStore,
  type ResolutionContext,
} from './reference-resolution.js';
import { referencesOf, TARGET_KINDS } from './references.js';
import { SpillWriter } from './spill.js';

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
  readonly onProgress?: (line: number) => void;
}

export interface FileCheck {
  readonly lines: number;
  readonly bytes: number;
  readonly hash: string;
  readonly state: CheckState;
  /** Problems with the file as a whole (a CSV header): nothing of it is applied. */
  readonly fileIssues: readonly ImportIssue[];
  readonly spill: SpillWriter;
}

/** Open targets before the pass asks the store about them (keeps the open list short). */
const SETTLE_FROM_STORE_AT = 20_000;

export async function checkFile(options: CheckOptions): Promise<FileCheck> {
  const state = new CheckState();
  const spill = await SpillWriter.create(options.spillDir, options.tee);
  try {
    const tally: ByteTally = { bytes: 0 };
    const heap = new HeapGovernor();
    const pass = new CheckPass(options, state, spill);
    const ctx: ResolutionContext = { ...options, state };
    const read = options.format === 'csv' ? readCsvRecords : readJsonLines;
    let fileIssues: readonly ImportIssue[] = [];
    let lines = 0;
    let nextProgress = options.progressEvery;
    for await (const batch of read(options.path, options.file, tally)) {
      if (batch.fileIssues && batch.fileIssues.length > 0) {
        fileIssues = batch.fileIssues;
        state.records += batch.refused ?? 0;
        state.rejected += batch.refused ?? 0;
        break;
      }
      await takeAll(pass, batch.records, options.tee);
      await spill.flush();
      await options.tee?.pace();
      heap.tick();
      lines = batch.lastLine;
      if (state.pending.size >= SETTLE_FROM_STORE_AT) await settleFromStore(ctx);
      if (lines >= nextProgress) {
        options.onProgress?.(lines);
        nextProgress = (Math.floor(lines / options.progressEvery) + 1) * options.progressEvery;
      }
    }
    await spill.close();
    if (fileIssues.length === 0) await settle(ctx, spill, options.partial);
    const hash = tally.hash ?? (await hashFile(options.path));
    return { lines, bytes: tally.bytes, hash, state, fileIssues, spill };
  } catch (error) {
    await spill.remove();
    throw error;
  }
}

/**
 * Takes a batch's records (~2,300 invoices a MiB, ~30 ms of work). With the overlapped apply the
 * server waits on Node's event loop — to be handed the next statement once one completes, and for
 * COPY to be sent the data once the server has answered the COPY — so the loop is let run every
 * YIELD_EVERY records while writes are in flight: taking a whole batch at once left the server idle
 * ~4 s of a 22 s million-document import (its CPU 12.5 s; Node's ~4 s idle waiting for it).
 */
async function takeAll(pass: CheckPass, records: Iterable<RawRecord>, tee?: PageTee) {
  let taken = 0;
  for (const record of records) {
    pass.take(record);
    if (tee && ++taken % YIELD_EVERY === 0) await tee.breathe();
  }
}

const YIELD_EVERY = 250;

async function settle(ctx: ResolutionContext, spill: SpillWriter, partial: boolean) {
  await settleAll(ctx);
  // Without --partial a file with a rejection applies nothing, so a cascade would change nothing.
  if (ctx.state.lateInvalid.size > 0 && (partial || ctx.state.rejected === 0))
    await cascade(ctx, spill.path);
}

class CheckPass {
  private readonly checker: RecordChecker;

  constructor(
    private readonly options: CheckOptions,
    private readonly state: CheckState,
    private readonly spill: SpillWriter,
  ) {
    this.checker = new RecordChecker(options);
  }

  take(record: RawRecord): void {
    const { state } = this;
    state.records++;
    const checked = this.checker.check(record);
    const id = identify(checked, record);
    if (id) {
      // One lookup finds a duplicate and records the key (a million keys: lookups are the cost).
      // A document starts VALID and becomes PENDING below if a reference of its is still open.
      const as =
        checked.type === 'rejected' ? REJECTED : checked.type === 'deletion' ? MARKER : VALID;
      const first = state.index.add(id.key, id.kind, checked.line, as, !id.marker);
      if (first) return this.duplicate(checked, record, id, first);
    }
    if (checked.type === 'rejected') {
      state.reject(checked.issues);
      if (!id) state.unkeyed++;
      return;
    }
    state.accepted++;
    if (checked.type === 'deletion') {
      const { kind, sourceId } = checked.deletion;
      if (state.storeResolved.has(id!.key)) state.lateInvalid.add(id!.key);
      this.spill.deletion(checked.line, kind, sourceId);
      return;
    }
    const { document, hash } = checked.versioned;
    let open = false;
    for (const ref of referencesOf(document)) {
      if (state.index.state(ref.key) === VALID) continue;
      open = true;
      const column = record.locate?.(ref.field).column;
      state.wait(ref.key, {
        line: checked.line,
        ...(column === undefined ? {} : { column }),
        label: documentLabel(document),
        field: ref.field,
        key: id!.key,
        kind: document.kind,
      });
    }
    if (open) state.index.setState(id!.key, PENDING);
    state.entities.add(document.entity);
    this.spill.document(checked.line, hash, checked.json, document);
  }

  /** The same kind and sourceId twice in one file: neither record is imported. */
  private duplicate(
    checked: CheckedRecord,
    record: RawRecord,
    id: Identity,
    first: { firstLine: number; was: KeyState },
  ): void {
    const { state } = this;
    const at = record.locate?.('sourceId') ?? { line: checked.line };
    const issue: ImportIssue = {
      code: 'LB_IMPORT_DUPLICATE_ID',
      file: this.options.file,
      line: at.line,
      ...(at.column === undefined ? {} : { column: at.column }),
      document: id.label,
      field: 'sourceId',
      value: id.sourceId,
      message: `appears twice in this file, on lines ${first.firstLine} and ${checked.line}: ids are unique per kind, so neither record is imported`,
    };
    state.reject([...(checked.type === 'rejected' ? checked.issues : []), issue]);
    if (first.was === REJECTED) return;
    state.rejectLate(first.firstLine, undefined);
    if (first.was === VALID && TARGET_KINDS.has(id.kind)) state.lateInvalid.add(id.key);
  }
}

interface Identity {
  readonly key: string;
  readonly kind: DocumentKind;
  readonly sourceId: string;
  readonly label: string;
  /** A deletion marker (its kind does not count as listed for --full). */
  readonly marker: boolean;
}

/** The record's key, when it has a usable kind and sourceId (even if it is otherwise invalid). */
function identify(checked: CheckedRecord, record: RawRecord): Identity | undefined {
  const value = (
    checked.type === 'document'
      ? checked.versioned.document
      : checked.type === 'deletion'
        ? checked.deletion
        : record.value
  ) as Record<string, unknown> | undefined;
  if (!value || !isDocumentKind(value.kind)) return undefined;
  const sourceId = value.sourceId;
  if (typeof sourceId !== 'string' || sourceId === '') return undefined;
  const label = documentLabel({
    kind: value.kind,
    sourceId,
    number: value.number,
    name: value.name,
  });
  const marker = checked.type === 'deletion' || isDeletionMarker(value);
  return { key: documentKey(value.kind, sourceId), kind: value.kind, sourceId, label, marker };
}
