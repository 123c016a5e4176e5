/**
 * The file drop's throughput: 1,000,000 invoice lines imported from JSON Lines.
 *
 * What "1,000,000 invoice lines" means here: one JSON Lines file of 1,001,000 lines — 1,000
 * contacts, then 1,000,000 invoices of one line item each (a clinic's consultations: inclusive
 * GST-free consult, canonical amounts, a practitioner tracking option), so it is a million lines of
 * the file and a million invoice line items alike. Reported: documents/s (1,001,000 documents),
 * invoice lines/s, file lines/s, and the importing process's peak RSS (VmHWM).
 *
 * Each backend is measured in its own child process, so one's memory does not count against the
 * other: the embedded store is created first by `ledgerbridge init` (another process: PGlite's
 * initdb alone peaks at ~850 MB), then the child opens it as `ledgerbridge import` would and
 * imports the file; PostgreSQL (when DATABASE_URL is set) gets a throwaway database. Targets
 * (issue 6): embedded ≥ 20,000 documents/s and ≤ 512 MB RSS; PostgreSQL ≥ 50,000 documents/s.
 *
 * Run: `npx tsx bench/import-throughput.ts` (or `npm run bench -- import`).
 */
import { spawn, spawnSync } from 'node:child_process';
import { createWriteStream, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { once } from 'node:events';
import { pathToFileURL } from 'node:url';
import pg from 'pg';
import type { BenchResult } from './bench-result.js';

const CONTACTS = 1_000;
const INVOICES = 1_000_000;
const DOCUMENTS = CONTACTS + INVOICES;
const TARGET = { embeddedPerSecond: 20_000, embeddedRssMb: 512, postgresPerSecond: 50_000 };
const ROOT = join(import.meta.dirname, '..');

interface Measure {
  seconds: number;
  peakRssMb: number;
  rssAfterOpenMb: number;
  added: number;
  rejected: number;
}

function contactLine(n: number): string {
  const id = `P-${100_000 + n}`;
  return JSON.stringify({
    kind: 'contact',
    sourceId: id,
    updatedAt: '2026-10-01T09:00:00+10:00',
    name: `Patient ${id}`,
    email: `patient${n}@example.com`,
  });
}

function invoiceLine(n: number): string {
  const consult =
    n % 3 === 0 ? ['Initial consultation', '120.00'] : ['Standard consultation', '95.00'];
  const day = String(1 + (n % 28)).padStart(2, '0');
  return JSON.stringify({
    kind: 'invoice',
    sourceId: `inv-${1_000_000 + n}`,
    number: `INV-${1_000_000 + n}`,
    updatedAt: `2026-10-${day}T17:05:00+10:00`,
    status: n % 10 === 0 ? 'awaiting_payment' : 'paid',
    contactId: `P-${100_000 + (n % CONTACTS)}`,
    issueDate: `2026-10-${day}`,
    currency: 'AUD',
    lineAmountType: 'inclusive',
    lines: [
      {
        kind: 'time',
        category: consult[0],
        description: consult[0],
        quantity: '1',
        unitAmount: consult[1],
        taxCode: 'GST_FREE',
        tracking: [{ category: 'Practitioner', option: n % 2 ? 'Dr Lee' : 'Dr Okafor' }],
      },
    ],
    total: consult[1],
  });
}

/** Writes the input file a few thousand lines at a time (never the whole file in memory). */
async function writeInput(path: string): Promise<number> {
  const out = createWriteStream(path);
  let chunk: string[] = [];
  const flush = async () => {
    if (!out.write(`${chunk.join('\n')}\n`)) await once(out, 'drain');
    chunk = [];
  };
  for (let n = 0; n < CONTACTS; n++) chunk.push(contactLine(n));
  for (let n = 0; n < INVOICES; n++) {
    chunk.push(invoiceLine(n));
    if (chunk.length >= 5_000) await flush();
  }
  await flush();
  out.end();
  await once(out, 'finish');
  return CONTACTS + INVOICES;
}

/** In the child: open the store, import, report on stdout. */
async function child(backend: string, file: string, target: string): Promise<void> {
  const { openStore } = await import('../src/store/open-store.js');
  const { importPath } = await import('../src/sources/file-drop/index.js');
  const config =
    backend === 'postgres' ? { dataDir: '', databaseUrl: target } : { dataDir: target };
  const { db } = await openStore(config, backend === 'postgres' ? 'init' : 'existing');
  const rssAfterOpenMb = process.memoryUsage().rss / 2 ** 20;
  let peak = 0;
  const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 50);
  const started = performance.now();
  const report = await importPath(db, file, {
    source: 'bench',
    progressEvery: 200_000,
    onProgress: (p) => {
      if (p.done % 200_000 < 2_000) process.stderr.write(`  ${backend} ${p.phase} ${p.done}\n`);
    },
  });
  const seconds = (performance.now() - started) / 1000;
  clearInterval(sampler);
  await db.close();
  const hwm = /VmHWM:\s+(\d+) kB/.exec(readFileSync('/proc/self/status', 'utf8'))?.[1];
  const measure: Measure = {
    seconds,
    peakRssMb: hwm ? Number(hwm) / 1024 : Math.max(peak, process.memoryUsage().rss) / 2 ** 20,
    rssAfterOpenMb,
    added: report.totals.added,
    rejected: report.totals.rejected,
  };
  process.stdout.write(JSON.stringify(measure));
}

function runChild(backend: string, file: string, target: string): Promise<Measure> {
  const args = [
    '--import',
    'tsx',
    join(ROOT, 'bench', 'import-throughput.ts'),
    '--child',
    backend,
    file,
    target,
  ];
  const proc = spawn(process.execPath, args, { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'] });
  let out = '';
  proc.stdout.on('data', (d: Buffer) => (out += d.toString()));
  return new Promise((resolve, reject) =>
    proc.on('close', (code) =>
      code === 0
        ? resolve(JSON.parse(out) as Measure)
        : reject(new Error(`${backend} child exited ${code}`)),
    ),
  );
}

async function embedded(work: string, file: string): Promise<Measure> {
  const dataDir = join(work, 'store');
  const { DATABASE_URL: _postgres, ...env } = process.env;
  const init = spawnSync(
    process.execPath,
    ['--import', 'tsx', join(ROOT, 'src/cli/entry.ts'), 'init'],
    { cwd: ROOT, env: { ...env, LEDGERBRIDGE_DATA_DIR: dataDir }, encoding: 'utf8' },
  );
  if (init.status !== 0) throw new Error(`ledgerbridge init failed: ${init.stderr}`);
  return runChild('pglite', file, dataDir);
}

async function postgres(url: string, file: string): Promise<Measure> {
  const name = `lb_bench_import_${process.pid}`;
  const admin = async (sql: string) => {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    await client.query(sql).finally(() => client.end());
  };
  await admin(`DROP DATABASE IF EXISTS ${name}`);
  await admin(`CREATE DATABASE ${name}`);
  try {
    const target = new URL(url);
    target.pathname = `/${name}`;
    return await runChild('postgres', file, target.toString());
  } finally {
    await admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  }
}

const rate = (n: number, m: Measure) => Math.round(n / m.seconds);

function metricsOf(prefix: string, m: Measure, lines: number): Record<string, number> {
  return {
    [`${prefix}DocumentsPerSecond`]: rate(DOCUMENTS, m),
    [`${prefix}InvoiceLinesPerSecond`]: rate(INVOICES, m),
    [`${prefix}FileLinesPerSecond`]: rate(lines, m),
    [`${prefix}Seconds`]: Number(m.seconds.toFixed(1)),
    [`${prefix}PeakRssMb`]: Math.round(m.peakRssMb),
    [`${prefix}RssAfterOpeningStoreMb`]: Math.round(m.rssAfterOpenMb),
  };
}

export async function benchImport(): Promise<BenchResult> {
  const work = mkdtempSync(join(tmpdir(), 'lb-bench-import-'));
  try {
    const file = join(work, 'clinic.jsonl');
    const lines = await writeInput(file);
    const pglite = await embedded(work, file);
    const url = process.env.DATABASE_URL;
    const server = url ? await postgres(url, file) : undefined;
    for (const m of [pglite, server])
      if (m && (m.added !== DOCUMENTS || m.rejected !== 0))
        throw new Error(`import incomplete: ${m.added} added, ${m.rejected} rejected`);
    const pass =
      rate(DOCUMENTS, pglite) >= TARGET.embeddedPerSecond &&
      pglite.peakRssMb <= TARGET.embeddedRssMb &&
      (!server || rate(DOCUMENTS, server) >= TARGET.postgresPerSecond);
    return {
      name: 'import-throughput',
      metrics: {
        ...metricsOf('embedded', pglite, lines),
        ...(server ? metricsOf('postgres', server, lines) : {}),
      },
      target: `embedded >= ${TARGET.embeddedPerSecond} documents/s and <= ${TARGET.embeddedRssMb} MB RSS; PostgreSQL >= ${TARGET.postgresPerSecond} documents/s`, // prettier-ignore
      pass,
      notes:
        `${lines.toLocaleString('en')} JSON Lines: ${CONTACTS} contacts + ${INVOICES.toLocaleString('en')} one-line invoices, one file, a fresh store. ` +
        'Peak RSS is the importing process (Node + tsx + the store), VmHWM. ' +
        (server ? '' : 'PostgreSQL not measured: DATABASE_URL is not set.'),
    };
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const [, , mode, backend, file, target] = process.argv;
  const run =
    mode === '--child'
      ? child(backend!, file!, target!)
      : benchImport().then((r) => console.log(JSON.stringify(r, null, 2)));
  run.catch((error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  });
}
