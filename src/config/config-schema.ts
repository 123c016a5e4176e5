/**
 * Every setting Ledgerbridge reads, with its environment variable, default and meaning. The
 * README's configuration table is generated from this list (a test keeps them in step).
 *
 * @module
 */
import { z } from 'zod';
import { DECIMAL_TEXT, DEFAULT_DATA_DIR, DEFAULT_WARM_ANSWER_SECONDS } from './certain-data-dir.js';
import { RECONCILE_SETTINGS } from './reconcile-settings.js';
import { optionalUrl, setting, url, type SettingSpec } from './setting-spec.js';

const wholeNumber = z
  .union([
    z.number().int('expected a whole number'),
    z.string().regex(/^\s*\d+\s*$/, 'expected a whole number'),
  ])
  .transform(Number);
const port = wholeNumber.pipe(z.number().max(65535, 'expected a port from 0 to 65535'));
const positiveInt = wholeNumber.pipe(z.number().positive('expected a number above 0'));
/** A number of `unit` (fractions allowed), as a number or as text. */
const decimalOf = (unit: string) =>
  z
    .union([z.number(), z.string().regex(DECIMAL_TEXT, `expected a number of ${unit}`)])
    .transform(Number);
const positiveMinutes = decimalOf('minutes').pipe(z.number().positive('expected a number above 0'));
const batchSize = wholeNumber.pipe(
  z.number().positive('expected a number above 0').max(100, 'at most 100'),
);

/** `0.1@1764900000000`: a clock speed and the wall-clock instant both clocks agree on. */
const clockScale = z
  .string()
  .regex(/^\s*\d+(\.\d+)?@\d+\s*$/, 'expected FACTOR@EPOCH_MS, such as 0.1@1764900000000')
  .transform((v) => {
    const [factor, epochMs] = v.trim().split('@').map(Number) as [number, number];
    return { factor, epochMs };
  })
  .pipe(z.object({ factor: z.number().positive('expected a factor above 0'), epochMs: z.number() }))
  .optional();

export type { SettingSpec } from './setting-spec.js';

export const SETTINGS: readonly SettingSpec[] = [
  setting(
    'LEDGERBRIDGE_CONFIG',
    'configFile',
    z.string().min(1).optional(),
    'Optional JSON config file; its keys are the paths in this table, nested (`{"xero": {"apiUrl": …}}`), and a key not in it is refused. Environment wins over the file.',
  ),
  setting(
    'LEDGERBRIDGE_DATA_DIR',
    'dataDir',
    z.string().min(1),
    'Embedded store (PGlite) directory, used when DATABASE_URL is not set.',
    { default: DEFAULT_DATA_DIR },
  ),
  setting(
    'LEDGERBRIDGE_KEEP_WARM_MINUTES',
    'keepWarmMinutes',
    decimalOf('minutes'),
    'Embedded store only: minutes a store process stays open after a command, so the next `status`, `errors` or `map` skips opening the store (~0.5 s); 0 runs every command in its own process. `ledgerbridge store stop` ends it.',
    { default: '10' },
  ),
  setting(
    'LEDGERBRIDGE_WARM_ANSWER_SECONDS',
    'warmAnswerSeconds',
    decimalOf('seconds').pipe(z.number().positive('expected a number above 0')),
    'Embedded store only: seconds a command waits on a warm store process that says nothing (it says it is alive every second while it works) before calling it stuck; `ledgerbridge store stop` and commands that need the store to themselves then end it.',
    { default: String(DEFAULT_WARM_ANSWER_SECONDS) },
  ),
  setting(
    'DATABASE_URL',
    'databaseUrl',
    z
      .string()
      .regex(/^postgres(ql)?:\/\//, 'expected postgres://user@host:port/database')
      .optional(),
    'PostgreSQL connection string. When set, the store lives there and several processes may share it.',
    { secret: true },
  ),
  setting(
    'LEDGERBRIDGE_USER_PASSWORD',
    'userPassword',
    z.string().optional(),
    'The password `ledgerbridge users add` gives a new account when no terminal can ask for it (scripts).',
    { secret: true },
  ),
  setting(
    'LEDGERBRIDGE_SECRET_KEY',
    'secretKey',
    z
      .string()
      .min(32, 'expected at least 32 characters (e.g. `openssl rand -base64 32`)')
      .optional(),
    'Key that encrypts Xero tokens at rest (AES-256-GCM). Required once a Xero organisation is connected.',
    { secret: true },
  ),
  setting(
    'LEDGERBRIDGE_NEW_SECRET_KEY',
    'newSecretKey',
    z.string().min(32, 'expected at least 32 characters').optional(),
    'Only for `ledgerbridge keys rotate`: the key to re-encrypt stored tokens with.',
    { secret: true },
  ),
  setting(
    'LEDGERBRIDGE_LOG_LEVEL',
    'logLevel',
    z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).optional(),
    'Log level of the JSON log on stderr: `info` logs each sync pass, `debug` every Xero call and wait. Unset: `warn` for commands, `info` for `serve` and `worker`.',
  ),
  setting(
    'LEDGERBRIDGE_HOST',
    'http.host',
    z.string().min(1),
    'Address `ledgerbridge serve` listens on (health checks, connecting Xero).',
    { default: '127.0.0.1' },
  ),
  setting(
    'LEDGERBRIDGE_PORT',
    'http.port',
    port,
    'Port `ledgerbridge serve` listens on (0: any free port).',
    {
      default: '3000',
    },
  ),
  setting(
    'LEDGERBRIDGE_WORKER_PORT',
    'http.workerPort',
    port.optional(),
    'Port `ledgerbridge worker` serves `/healthz`, `/readyz` and its own `/metrics` on (a viewer API key reads them), at LEDGERBRIDGE_HOST; unset: the worker listens on no port.',
  ),
  setting(
    'LEDGERBRIDGE_PUBLIC_URL',
    'http.publicUrl',
    optionalUrl,
    "URL users reach `ledgerbridge serve` at: the Xero app's redirect URI for connecting from the browser is this URL with `/connect/xero/callback`. Defaults to http://host:port.",
  ),
  setting(
    'XERO_CLIENT_ID',
    'xero.clientId',
    z.string().min(1).optional(),
    'Client id of your Xero app (developer.xero.com → My Apps).',
  ),
  setting(
    'XERO_CLIENT_SECRET',
    'xero.clientSecret',
    z.string().min(1).optional(),
    'Client secret of your Xero app.',
    { secret: true },
  ),
  setting(
    'XERO_WEBHOOK_KEY',
    'xero.webhookKey',
    z.string().min(1).optional(),
    'Webhooks key of your Xero app (developer.xero.com → your app → Webhooks). Set it to take Xero webhooks at `/webhooks/xero`; unset, they are refused.',
    { secret: true },
  ),
  setting(
    'XERO_REDIRECT_URI',
    'xero.redirectUri',
    url,
    'Redirect URI registered on your Xero app for `ledgerbridge connect xero` (a loopback address the CLI listens on).',
    { default: 'http://localhost:5005/callback' },
  ),
  setting(
    'XERO_SCOPES',
    'xero.scopes',
    z.string().min(1),
    '`granular` (apps created since March 2026), `broad` (older apps), or a space-separated list of scopes.',
    { default: 'granular' },
  ),
  setting(
    'XERO_API_URL',
    'xero.apiUrl',
    url,
    'Base of the Xero API: `/api.xro/2.0` and `/connections` live under it.',
    { default: 'https://api.xero.com' },
  ),
  setting(
    'XERO_IDENTITY_URL',
    'xero.identityUrl',
    url,
    'Base of Xero identity: `/connect/token` and `/connect/revocation`.',
    { default: 'https://identity.xero.com' },
  ),
  setting(
    'XERO_LOGIN_URL',
    'xero.loginUrl',
    url,
    'Base of the Xero consent page: `/identity/connect/authorize`.',
    { default: 'https://login.xero.com' },
  ),
  setting(
    'XERO_DAILY_LIMIT',
    'xero.dailyLimit',
    positiveInt,
    'Calls per organisation per day your Xero tier allows (5000; 1000 on the Starter tier).',
    { default: '5000' },
  ),
  setting(
    'XERO_BATCH_SIZE',
    'xero.batchSize',
    batchSize,
    'Documents per Xero write call (Xero recommends about 50; requests stay under 3.5 MB).',
    { default: '50' },
  ),
  setting(
    'XERO_CLOCK_SCALE',
    'xero.clockScale',
    clockScale,
    'For benchmarks against the Xero sandbox only, never against Xero: `FACTOR@EPOCH_MS` — the budget reads a clock running FACTOR times the wall clock from that instant, as the sandbox started with the same value does (bench/workers-500.ts).',
  ),
  setting(
    'CLIO_CLIENT_ID',
    'sources.clio.clientId',
    z.string().min(1).optional(),
    'Client id of your Clio app (Clio → Settings → Developer Applications, in the region your account uses). Required to connect Clio.',
  ),
  setting(
    'CLIO_CLIENT_SECRET',
    'sources.clio.clientSecret',
    z.string().min(1).optional(),
    'Client secret of your Clio app. Kept sealed with the source’s tokens once connected.',
    { secret: true },
  ),
  setting(
    'CLIO_REGION',
    'sources.clio.region',
    z.enum(['us', 'eu', 'ca', 'au']),
    'Where your Clio account lives: us (app.clio.com), eu (eu.app.clio.com), ca (ca.app.clio.com) or au (au.app.clio.com). Connecting can name another.',
    { default: 'us' },
  ),
  setting(
    'CLIO_REDIRECT_URI',
    'sources.clio.redirectUri',
    url,
    'Redirect URI registered on your Clio app for connecting Clio (a loopback address Ledgerbridge listens on).',
    { default: 'http://127.0.0.1:5007/callback' },
  ),
  setting(
    'CLIO_BASE_URL',
    'sources.clio.baseUrl',
    optionalUrl,
    'Replaces Clio’s regional hosts, each region then under `<url>/<region>` (the Clio emulator’s layout). Set it only to reach an emulator (`ledgerbridge sandbox`).',
  ),
  setting(
    'CLINIKO_API_URL',
    'sources.clinikoApiUrl',
    optionalUrl,
    'Cliniko API base; by default derived from the API key’s shard (https://api.<shard>.cliniko.com/v1). Set it only to reach an emulator (`ledgerbridge sandbox`).',
  ),
  setting(
    'CLINIKO_API_KEY',
    'sources.clinikoApiKey',
    z.string().min(1).optional(),
    'Only for `ledgerbridge connect cliniko` without --api-key: the key to connect with (stored sealed; not read afterwards).',
    { secret: true },
  ),
  setting(
    'LEDGERBRIDGE_CONTACT_EMAIL',
    'sources.contactEmail',
    z.email('expected an e-mail address').optional(),
    'Your e-mail address, sent to practice-management APIs that ask who is calling (Cliniko requires it in the User-Agent `Ledgerbridge (EMAIL)`). Required to connect Cliniko.',
  ),
  setting(
    'ACTIONSTEP_API_URL',
    'sources.actionstepApiUrl',
    optionalUrl,
    'Actionstep API base; by default the `api_endpoint` its token answer names for the organisation. Set it only to reach an emulator (`ledgerbridge sandbox`).',
  ),
  setting(
    'ACTIONSTEP_AUTHORIZE_URL',
    'sources.actionstepAuthorizeUrl',
    url,
    'Actionstep’s OAuth consent page, where connecting Actionstep sends you to sign in and agree.',
    { default: 'https://go.actionstep.com/api/oauth/authorize' },
  ),
  setting(
    'ACTIONSTEP_TOKEN_URL',
    'sources.actionstepTokenUrl',
    url,
    'Actionstep’s OAuth token endpoint (codes exchanged, tokens refreshed).',
    { default: 'https://api.actionstep.com/api/oauth/token' },
  ),
  setting(
    'ACTIONSTEP_CLIENT_ID',
    'sources.actionstepClientId',
    z.string().min(1).optional(),
    'Client id of your Actionstep API app (issued by Actionstep’s developer support). Required to connect Actionstep.',
  ),
  setting(
    'ACTIONSTEP_CLIENT_SECRET',
    'sources.actionstepClientSecret',
    z.string().min(1).optional(),
    'Client secret of your Actionstep API app.',
    { secret: true },
  ),
  setting(
    'ACTIONSTEP_REDIRECT_URI',
    'sources.actionstepRedirectUri',
    url,
    'Redirect URI registered on your Actionstep app for connecting Actionstep (a loopback address Ledgerbridge listens on).',
    { default: 'http://localhost:5006/callback' },
  ),
  setting(
    'LEDGERBRIDGE_SYNC_INTERVAL_MINUTES',
    'sync.intervalMinutes',
    positiveMinutes,
    'Minutes between syncs of each organisation by `ledgerbridge serve` (and `sync` without `--once`); a fraction such as 0.1 (6 s) is allowed, for tests.',
    { default: '5' },
  ),
  setting(
    'LEDGERBRIDGE_WORKER_CONCURRENCY',
    'sync.workerConcurrency',
    wholeNumber.pipe(z.number().positive('expected a number above 0').max(500, 'at most 500')),
    'Organisations one `serve` or `worker` process syncs at once (never two passes of one organisation). A pass mostly waits for Xero, so an accounting firm may run hundreds at once; they share the process’s database connections (at most 25 on PostgreSQL).',
    { default: '8' },
  ),
  ...RECONCILE_SETTINGS,
];
