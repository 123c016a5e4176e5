/**
 * The embedded data directory a command's configuration names, found without loading the
 * configuration (zod's schemas: ~0.1–0.2 s of a 0.4 s warm `status`, bench/cli-startup.ts) — when
 * that is certain: no config file, no DATABASE_URL. Otherwise undefined, and the command loads its
 * configuration as always. load-config.ts applies the same rules; certain-data-dir.test.ts checks
 * that both agree.
 *
 * @module
 */
import { resolve } from 'node:path';
import type { Environment } from './load-config.js';

/** LEDGERBRIDGE_DATA_DIR's default (config-schema.ts). */
export const DEFAULT_DATA_DIR = './.ledgerbridge';

export function certainDataDir(
  env: Environment,
  cwd: string,
  flags: { readonly dataDir?: string; readonly config?: string },
): string | undefined {
  if (flags.config !== undefined || env.LEDGERBRIDGE_CONFIG || env.DATABASE_URL) return undefined;
  return resolve(cwd, flags.dataDir ?? (env.LEDGERBRIDGE_DATA_DIR || DEFAULT_DATA_DIR));
}

/** A number with an optional fraction, as configuration text may give one ("2", " 2.5 "). */
export const DECIMAL_TEXT = /^\s*\d+(\.\d+)?\s*$/;

/** LEDGERBRIDGE_WARM_ANSWER_SECONDS's default (config-schema.ts). */
export const DEFAULT_WARM_ANSWER_SECONDS = 15;

/**
 * How long a client waits on a warm store process that says nothing before calling it stuck
 * (cli/warm/), for the CLI's fast path, which runs before the configuration is loaded: a value
 * the configuration would refuse is undefined here, and main() — which loads it — reports it.
 */
export function certainWarmAnswerMs(env: Environment): number | undefined {
  const text = env.LEDGERBRIDGE_WARM_ANSWER_SECONDS;
  if (text === undefined || text === '') return DEFAULT_WARM_ANSWER_SECONDS * 1000;
  return DECIMAL_TEXT.test(text) && Number(text) > 0 ? Number(text) * 1000 : undefined;
}

/** This process's environment, for the CLI's entry before it loads the configuration. */
export function processEnvironment(): Environment {
  return process.env;
}
