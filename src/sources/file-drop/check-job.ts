/**
 * What the main thread asks of the check worker, and what the worker answers (check-worker.ts,
 * checked-batches.ts).
 *
 * @module
 */
import type { CheckedBatch, PageForm } from './checked-batch.js';
import type { FileFormat } from './file-formats.js';
import type { CheckSettings } from './record-check.js';

export interface CheckJob {
  readonly path: string;
  readonly format: FileFormat;
  readonly settings: CheckSettings;
  /** What accepted documents become: spill lines in a file, or page entries sent back. */
  readonly form: PageForm;
}

/** An error as it crosses threads: enough to throw the same fault again. */
export interface WorkerFault {
  readonly name: string;
  readonly message: string;
  readonly stack?: string;
  /** A catalogue code (LB_…) or a system error's code (ENOENT). */
  readonly code?: string;
  readonly fix?: string;
  readonly details?: Readonly<Record<string, unknown>>;
}

export type WorkerMessage =
  | { readonly type: 'batch'; readonly batch: CheckedBatch }
  | { readonly type: 'end'; readonly bytes: number; readonly hash?: string }
  | { readonly type: 'fault'; readonly error: WorkerFault };
