import { afterEach, describe, expect, it } from 'vitest';
import { BACKENDS, freshDatabase, type FreshDatabase } from '../../../test/support/backends.js';
import { LedgerbridgeError } from '../../errors/ledgerbridge-error.js';
import { exampleContact, exampleInvoice } from '../../ledger/test-support/examples.js';
import type { Database } from '../../store/database.js';
import { latestRunOf } from '../../store/runs-repo.js';
import {
  readSourceCredentials,
  saveSourceCredentials,
} from '../../store/source-credentials-repo.js';
import { ensureSource, readSourceCursor } from '../../store/sources-repo.js';
import type { SourceConnection, SourcePage } from '../source.js';
import { runPull } from './run-pull.js';

const SOURCE = 'clinic';

const contact = (id: string, name = `Patient ${id}`) => ({
  ...exampleContact,
  source: undefined,
  sourceId: id,
  name,
});
const invoice = (id: string, contactId: string, total = '134.69') => ({
  ...exampleInvoice,
  source: undefined,
  sourceId: id,
  number: `INV-${id}`,
  contactId,
  total,
});
const page = (documents: unknown[], mark: string, more: Partial<SourcePage> = {}): SourcePage => ({
  documents,
  deletions: [],
  rejections: [],
  cursor: { invoices: mark },
  ...more,
});

/** A PMS that yields `steps` in order: a page, or a fault thrown where the next page would be. */
function scripted(steps: (SourcePage | Error)[]): SourceConnection & { cursors: unknown[] } {
  const cursors: unknown[] = [];
  return {
    cursors,
    test: () => Promise.reject(new Error('not used')),
    async *pull({ cursor }) {
      cursors.push(cursor);
      for (const step of steps) {
        if (step instanceof Error) throw step;
        yield await Promise.resolve(step);
      }
    },
  };
}

async function documents(db: Database) {
  return db.query<{ kind: string; source_id: string; deleted: boolean }>(
    `SELECT kind, source_id, deleted_at IS NOT NULL AS deleted FROM documents WHERE source = $1
     ORDER BY kind, source_id`,
    [SOURCE],
  );
}

describe.each(BACKENDS)('a pull on %s', (backend) => {
  let fresh: FreshDatabase | undefined;
  afterEach(async () => {
    await fresh?.dispose();
    fresh = undefined;
  });
  const open = async () => {
    fresh = await freshDatabase(backend);
    await ensureSource(fresh.db, SOURCE, 'cliniko');
    return fresh.db;
  };

  it('stores pages through the change-set path, saves the cursor, and counts a repeat unchanged', async () => {
    const db = await open();
    const steps = [
      page([contact('1'), contact('2')], '2026-11-01T00:00:00Z'),
      page([invoice('10', '1'), invoice('11', '2')], '2026-11-02T00:00:00Z'),
    ];
    const first = await runPull({ db, source: SOURCE, connection: scripted(steps) });
    expect(first.status).toBe('succeeded');
    expect(first.counts).toMatchObject({
      added: 4,
      changed: 0,
      unchanged: 0,
      rejected: 0,
      pages: 2,
    });
    expect(await readSourceCursor(db, SOURCE)).toEqual({ invoices: '2026-11-02T00:00:00Z' });

    const again = scripted([
      page([contact('1', 'Renamed'), contact('2')], '2026-11-03T00:00:00Z', {
        deletions: [{ kind: 'invoice', sourceId: '11' }],
      }),
    ]);
    const second = await runPull({ db, source: SOURCE, connection: again });
    expect(again.cursors).toEqual([{ invoices: '2026-11-02T00:00:00Z' }]);
    expect(second.counts).toMatchObject({ added: 0, changed: 1, unchanged: 1, deleted: 1 });
    expect((await documents(db)).find((d) => d.source_id === '11')?.deleted).toBe(true);
    const run = await latestRunOf(db, SOURCE, 'pull');
    expect(run).toMatchObject({ status: 'succeeded', stats: { changed: 1, deleted: 1 } });
  });

  it('rejects a bad record by document, field and value and stores the rest of its page', async () => {
    const db = await open();
    const bad = { ...invoice('12', '1'), issueDate: '2026-02-30' };
    const orphan = invoice('13', 'no-such-patient');
    const steps = [
      page([contact('1'), invoice('10', '1'), bad, orphan, contact('1', 'Twice')], 'x', {
        cursor: { invoices: '2026-11-01T00:00:00Z' },
        rejections: [
          {
            kind: 'invoice',
            sourceId: '14',
            document: 'invoice 14',
            field: 'lines[0].tax',
            value: '99',
            message: 'names a tax the source does not have',
          },
        ],
      }),
    ];
    const report = await runPull({ db, source: SOURCE, connection: scripted(steps) });
    expect(report.status).toBe('partial');
    expect(report.counts).toMatchObject({ added: 2, rejected: 4 });
    expect(report.issues).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          code: 'LB_SOURCE_INVALID_RECORD',
          field: 'lines[0].tax',
          value: '99',
        }),
        expect.objectContaining({
          code: 'LB_SOURCE_INVALID_RECORD',
          document: 'invoice INV-12 (source id 12)',
          field: 'issueDate',
          value: '2026-02-30',
        }),
        expect.objectContaining({
          code: 'LB_SOURCE_MISSING_REFERENCE',
          document: 'invoice INV-13 (source id 13)',
          field: 'contactId',
          value: 'no-such-patient',
        }),
        expect.objectContaining({ code: 'LB_SOURCE_DUPLICATE_ID', field: 'sourceId', value: '1' }),
      ]),
    );
    expect((await documents(db)).map((d) => d.source_id)).toEqual(['1', '10']);
    expect(await readSourceCursor(db, SOURCE)).toEqual({ invoices: '2026-11-01T00:00:00Z' });
  });

  it('keeps the cursor at the last stored page when a page fails half-way, and resumes from it', async () => {
    const db = await open();
    const steps = [
      page([contact('1')], '2026-11-01T00:00:00Z'),
      page([invoice('10', '1')], '2026-11-02T00:00:00Z'),
    ];
    const crashed = await runPull({
      db,
      source: SOURCE,
      connection: scripted(steps),
      batchDocuments: 1, // each page in a transaction of its own
      beforeCommit: (n) => {
        if (n === 1) throw new Error('power cut');
      },
    });
    expect(crashed.status).toBe('failed');
    expect(await readSourceCursor(db, SOURCE)).toEqual({ invoices: '2026-11-01T00:00:00Z' });
    expect((await documents(db)).map((d) => d.source_id)).toEqual(['1']);

    const resumed = scripted(steps.slice(1));
    const report = await runPull({ db, source: SOURCE, connection: resumed });
    expect(resumed.cursors).toEqual([{ invoices: '2026-11-01T00:00:00Z' }]);
    expect(report.counts).toMatchObject({ added: 1 });
    expect((await documents(db)).map((d) => d.source_id)).toEqual(['1', '10']);
  });

  it('stores pages in batches: a crash loses the whole batch and the cursor stays before it', async () => {
    const db = await open();
    const steps = [
      page([contact('1'), contact('2')], '2026-11-01T00:00:00Z'),
      page([invoice('10', '1')], '2026-11-02T00:00:00Z'),
      page([invoice('11', '2')], '2026-11-03T00:00:00Z'),
      page([invoice('12', '1')], '2026-11-04T00:00:00Z'),
    ];
    const commits: number[] = [];
    const crashed = await runPull({
      db,
      source: SOURCE,
      connection: scripted(steps),
      batchDocuments: 3, // pages 0 (two contacts) and 1 together, then 2 and 3
      beforeCommit: (n) => {
        commits.push(n);
        if (n === 3) throw new Error('power cut');
      },
    });
    expect(commits).toEqual([1, 3]);
    expect(crashed.status).toBe('failed');
    expect(crashed.counts).toMatchObject({ added: 3, pages: 2 });
    expect(await readSourceCursor(db, SOURCE)).toEqual({ invoices: '2026-11-02T00:00:00Z' });
    expect((await documents(db)).map((d) => d.source_id)).toEqual(['1', '2', '10']);

    const resumed = scripted(steps.slice(2));
    const report = await runPull({ db, source: SOURCE, connection: resumed });
    expect(report.counts).toMatchObject({ added: 2, pages: 2 });
    expect((await documents(db)).map((d) => d.source_id)).toEqual(['1', '2', '10', '11', '12']);
  });

  it('counts and stores a batch exactly as page by page, and keeps every page read before a fault', async () => {
    const db = await open();
    await ensureSource(db, 'alone', 'cliniko');
    // Documents changed, deleted and back within one batch; an orphan; a marker of nothing; a fault.
    const steps = () =>
      scripted([
        page([contact('1')], '2026-11-01T00:00:00Z'),
        page([invoice('10', '1')], '2026-11-02T00:00:00Z'),
        page([contact('1', 'Renamed'), invoice('11', '9')], '2026-11-03T00:00:00Z', {
          deletions: [{ kind: 'payment', sourceId: 'never-stored' }],
        }),
        page([], '2026-11-04T00:00:00Z', { deletions: [{ kind: 'invoice', sourceId: '10' }] }),
        page([invoice('10', '1')], '2026-11-05T00:00:00Z'),
        new LedgerbridgeError('LB_SOURCE_UNAVAILABLE', 'Cliniko answered 503 three times'),
      ]);
    const alone = await runPull({ db, source: 'alone', connection: steps(), batchDocuments: 1 });
    const batched = await runPull({ db, source: SOURCE, connection: steps() });
    expect(batched.status).toBe('failed');
    expect(batched.error?.code).toBe('LB_SOURCE_UNAVAILABLE');
    expect(batched.counts).toEqual(alone.counts);
    expect(batched.counts).toMatchObject({
      added: 3,
      changed: 1,
      deleted: 1,
      unchanged: 0,
      rejected: 1,
      pages: 5,
    });
    expect(batched.issues).toEqual(alone.issues);
    expect(await readSourceCursor(db, SOURCE)).toEqual({ invoices: '2026-11-05T00:00:00Z' });
    expect(await readSourceCursor(db, 'alone')).toEqual({ invoices: '2026-11-05T00:00:00Z' });
    const stored = (source: string) =>
      db.query(
        `SELECT kind, source_id, content - 'source' AS content, deleted_at IS NOT NULL AS deleted FROM documents
         WHERE source = $1 ORDER BY kind, source_id`,
        [source],
      );
    expect(await stored(SOURCE)).toEqual(await stored('alone'));
    expect(await stored(SOURCE)).toHaveLength(2);
    expect((await stored(SOURCE)).some((d) => (d as { deleted: boolean }).deleted)).toBe(false);
  });

  it('marks the source "needs reconnecting" when its credentials are refused mid-pull', async () => {
    const db = await open();
    await saveSourceCredentials(db, {
      source: SOURCE,
      sealed: 'v1.k.a.b.c',
      keyId: 'k',
      account: {},
    });
    const refused = new LedgerbridgeError(
      'LB_SOURCE_NEEDS_RECONNECT',
      'Cliniko refused the stored credentials (HTTP 401)',
    );
    const report = await runPull({
      db,
      source: SOURCE,
      connection: scripted([page([contact('1')], '2026-11-01T00:00:00Z'), refused]),
    });
    expect(report.status).toBe('failed');
    expect(report.error?.code).toBe('LB_SOURCE_NEEDS_RECONNECT');
    expect(await readSourceCredentials(db, SOURCE)).toMatchObject({ status: 'needs_reconnect' });
    expect(await readSourceCursor(db, SOURCE)).toEqual({ invoices: '2026-11-01T00:00:00Z' });
    expect(await latestRunOf(db, SOURCE, 'pull')).toMatchObject({
      status: 'failed',
      stats: { errorCode: 'LB_SOURCE_NEEDS_RECONNECT', added: 1 },
    });
  });

  it('--full reads from the beginning whatever the cursor says', async () => {
    const db = await open();
    await runPull({
      db,
      source: SOURCE,
      connection: scripted([page([contact('1')], '2026-11-01T00:00:00Z')]),
    });
    const full = scripted([page([contact('1')], '2026-11-01T00:00:00Z')]);
    const report = await runPull({ db, source: SOURCE, connection: full, full: true });
    expect(full.cursors).toEqual([undefined]);
    expect(report.counts).toMatchObject({ unchanged: 1 });
  });
});
