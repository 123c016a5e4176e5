/**
 * How commands speak: human text by default, one JSON document with --json, and failures as one
 * line (what is wrong — how to fix it [CODE]) with a stack only under --verbose.
 *
 * @module
 */
import { asLedgerbridgeError } from '../errors/ledgerbridge-error.js';

export interface Output {
  readonly json: boolean;
  readonly verbose: boolean;
  /** A line of human output (suppressed under --json). */
  line(text?: string): void;
  /** The command's result: printed as JSON under --json, else rendered by `human`. */
  result<T>(data: T, human: (data: T) => string): void;
  /** Progress and warnings: stderr, never mixed into JSON. */
  note(text: string): void;
  /**
   * Whether the command's result is already on stdout. A command may still fail after it (an
   * import with rejected records, a sync that found an organisation busy): the failure is then a
   * line on stderr, never a second JSON document on stdout.
   */
  readonly printedResult: boolean;
  /** stderr itself, for progress that redraws a line on a terminal (sync-progress.ts). */
  readonly stderr: Streams['stderr'];
}

export interface Streams {
  readonly stdout: { write(text: string): unknown };
  readonly stderr: { readonly isTTY?: boolean; write(text: string): unknown };
}

export function makeOutput(streams: Streams, options: { json: boolean; verbose: boolean }): Output {
  let printedResult = false;
  return {
    ...options,
    stderr: streams.stderr,
    get printedResult() {
      return printedResult;
    },
    line(text = '') {
      if (!options.json) streams.stdout.write(`${text}\n`);
    },
    result(data, human) {
      printedResult = true;
      streams.stdout.write(
        options.json ? `${JSON.stringify(data, null, 2)}\n` : `${human(data)}\n`,
      );
    },
    note(text) {
      streams.stderr.write(`${text}\n`);
    },
  };
}

/** Prints a failure and returns the exit code (the catalogue's: 1 unless it says otherwise). */
export function reportFailure(
  streams: Streams,
  error: unknown,
  options: { json: boolean; verbose: boolean },
): number {
  const lb = asLedgerbridgeError(error);
  if (options.json) {
    const body = {
      error: { code: lb.code, message: lb.message, fix: lb.fix, retryable: lb.retryable },
    };
    streams.stdout.write(`${JSON.stringify(body, null, 2)}\n`);
  } else {
    streams.stderr.write(`ledgerbridge: ${lb.toLine()}\n`);
  }
  if (options.verbose) streams.stderr.write(`${stackOf(lb)}\n`);
  return lb.exitCode;
}

function stackOf(error: Error): string {
  const parts = [error.stack ?? String(error)];
  let cause: unknown = error.cause;
  while (cause instanceof Error) {
    parts.push(`Caused by: ${cause.stack ?? cause.message}`);
    cause = cause.cause;
  }
  return parts.join('\n');
}
