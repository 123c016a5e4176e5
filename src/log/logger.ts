/**
 * The log: JSON lines on stderr (pino), at LEDGERBRIDGE_LOG_LEVEL. A command that prints its own
 * human output logs only warnings unless asked; a service logs each pass (`info`). Nothing that is
 * a secret is ever given to it: tokens, keys and passwords stay out of every log call.
 *
 * @module
 */
import { pino, type Logger } from 'pino';
import type { Config, LogLevel } from '../config/index.js';

export type { Logger } from 'pino';

/** The logger a face uses: the configured level, else the face's own default. */
export function makeLogger(
  config: Pick<Config, 'logLevel'>,
  fallback: LogLevel,
  destination: { write(text: string): unknown } = process.stderr,
): Logger {
  return pino(
    { level: config.logLevel ?? fallback, base: { pid: process.pid }, name: 'ledgerbridge' },
    { write: (line: string) => destination.write(line) },
  );
}
