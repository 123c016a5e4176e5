/**
 * Loads configuration once: defaults, then an optional JSON file, then the environment, validated
 * with zod and frozen. No other module reads `process.env` (a lint rule enforces it).
 *
 * @module
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { LedgerbridgeError } from '../errors/ledgerbridge-error.js';
import { checkConfigFileKeys } from './config-file-keys.js';
import { SETTINGS, type SettingSpec } from './config-schema.js';

export type LogLevel = 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';

export interface Config {
  readonly configFile?: string;
  readonly dataDir: string;
  readonly databaseUrl?: string;
  /** Embedded store: minutes a warm store process outlives its last command (0: none; cli/warm/). */
  readonly keepWarmMinutes: number;
  /** Embedded store: seconds a command waits on a warm store process that says nothing. */
  readonly warmAnswerSeconds: number;
  readonly secretKey?: string;
  /** `users add` in a script (the password is never a command-line argument). */
  readonly userPassword?: string;
  readonly newSecretKey?: string;
  /** Unset: each face picks its own (log/logger.ts). */
  readonly logLevel?: LogLevel;
  readonly http: {
    readonly host: string;
    readonly port: number;
    readonly publicUrl?: string;
    /** `ledgerbridge worker`'s health and metrics port; unset: none. */
    readonly workerPort?: number;
  };
  readonly xero: {
    readonly clientId?: string;
    readonly clientSecret?: string;
    readonly webhookKey?: string;
    readonly redirectUri: string;
    readonly scopes: string;
    readonly apiUrl: string;
    readonly identityUrl: string;
    readonly loginUrl: string;
    readonly dailyLimit: number;
    readonly batchSize: number;
    /** Benchmarks only: the scaled clock shared with the Xero sandbox (time/clock.ts). */
    readonly clockScale?: { readonly factor: number; readonly epochMs: number };
  };
  readonly sources: {
    readonly clio: {
      readonly clientId?: string;
      readonly clientSecret?: string;
      readonly region: 'us' | 'eu' | 'ca' | 'au';
      readonly redirectUri: string;
      readonly baseUrl?: string;
    };
    readonly clinikoApiUrl?: string;
    readonly actionstepApiUrl?: string;
    readonly actionstepAuthorizeUrl: string;
    readonly actionstepTokenUrl: string;
    readonly actionstepClientId?: string;
    readonly actionstepClientSecret?: string;
    readonly actionstepRedirectUri: string;
    readonly contactEmail?: string;
    readonly clinikoApiKey?: string;
  };
  readonly sync: { readonly intervalMinutes: number; readonly workerConcurrency: number };
  readonly reconcile: {
    /** HH:MM, UTC: when the service reconciles every organisation. */
    readonly time: string;
    readonly alertWebhookUrl?: string;
    readonly alertWebhookSecret?: string;
    readonly smtpUrl?: string;
    readonly alertEmailTo?: string;
    readonly alertEmailFrom: string;
  };
}

export type Environment = Readonly<Record<string, string | undefined>>;

export interface LoadOptions {
  /** The environment to read; the CLI passes `process.env` through loadConfigFromProcess. */
  readonly env: Environment;
  /** Directory relative paths resolve against. */
  readonly cwd?: string;
  /** Values that win over everything (CLI flags such as --data-dir). */
  readonly overrides?: Readonly<Record<string, string | undefined>>;
}

/** Validates and freezes the configuration; a bad value is a one-line LB_CONFIG_INVALID. */
export function loadConfig(options: LoadOptions): Config {
  const cwd = options.cwd ?? process.cwd();
  const envFile = options.overrides?.LEDGERBRIDGE_CONFIG ?? options.env.LEDGERBRIDGE_CONFIG;
  const filePath = envFile ? resolve(cwd, envFile) : undefined;
  const file = filePath ? readConfigFile(filePath) : {};
  if (filePath) checkConfigFileKeys(file, filePath);
  const out: Record<string, unknown> = {};
  for (const spec of SETTINGS) {
    const { raw, fromFile } = pickRaw(spec, options, file);
    const parsed = spec.schema.safeParse(raw === '' ? undefined : raw);
    if (!parsed.success)
      throw invalid(
        spec,
        raw,
        parsed.error.issues[0]?.message ?? 'is invalid',
        fromFile ? filePath : undefined,
      );
    if (parsed.data !== undefined) assign(out, spec.path, parsed.data);
  }
  out.dataDir = resolve(cwd, out.dataDir as string);
  return deepFreeze(out) as unknown as Config;
}

/** The raw value of a setting, and whether it came from the config file (for the error). */
function pickRaw(
  spec: SettingSpec,
  options: LoadOptions,
  file: Record<string, unknown>,
): { raw: unknown; fromFile: boolean } {
  const fromOverride = options.overrides?.[spec.env];
  if (fromOverride !== undefined) return { raw: fromOverride, fromFile: false };
  const fromEnv = options.env[spec.env];
  if (fromEnv !== undefined && fromEnv !== '') return { raw: fromEnv, fromFile: false };
  const fromFile = spec.path.reduce<unknown>(
    (node, key) =>
      node && typeof node === 'object' ? (node as Record<string, unknown>)[key] : undefined,
    file,
  );
  return fromFile === undefined
    ? { raw: spec.default, fromFile: false }
    : { raw: fromFile, fromFile: true };
}

/** Names the setting as the user wrote it: the file's key (and the file) or the variable. */
function invalid(
  spec: SettingSpec,
  raw: unknown,
  message: string,
  filePath: string | undefined,
): LedgerbridgeError {
  const shown = spec.secret ? '(hidden)' : JSON.stringify(raw);
  const key = spec.path.join('.');
  if (filePath)
    return new LedgerbridgeError(
      'LB_CONFIG_INVALID',
      `Setting ${key} = ${shown} in config file ${filePath} ${message}`,
      {
        fix: `Set ${key} in ${filePath} to a valid value: ${spec.description}`,
        details: { setting: key, file: filePath },
      },
    );
  return new LedgerbridgeError('LB_CONFIG_INVALID', `Setting ${spec.env} = ${shown} ${message}`, {
    fix: `Set ${spec.env} to a valid value: ${spec.description}`,
    details: { setting: spec.env },
  });
}

function readConfigFile(path: string): Record<string, unknown> {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (cause) {
    throw new LedgerbridgeError('LB_CONFIG_FILE_UNREADABLE', `Cannot read config file ${path}`, {
      cause,
    });
  }
  try {
    const parsed: unknown = JSON.parse(text);
    if (parsed && typeof parsed === 'object' && !Array.isArray(parsed))
      return parsed as Record<string, unknown>;
  } catch (cause) {
    throw new LedgerbridgeError(
      'LB_CONFIG_FILE_UNREADABLE',
      `Config file ${path} is not valid JSON`,
      { cause },
    );
  }
  throw new LedgerbridgeError(
    'LB_CONFIG_FILE_UNREADABLE',
    `Config file ${path} must hold a JSON object`,
  );
}

function assign(target: Record<string, unknown>, path: readonly string[], value: unknown): void {
  let node = target;
  for (const key of path.slice(0, -1)) node = (node[key] ??= {}) as Record<string, unknown>;
  node[path[path.length - 1]!] = value;
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object') {
    for (const child of Object.values(value)) deepFreeze(child);
    Object.freeze(value);
  }
  return value;
}

/** The process's own configuration: the only place `process.env` is read. */
export function loadConfigFromProcess(overrides?: LoadOptions['overrides']): Config {
  return loadConfig({ env: process.env, overrides });
}
