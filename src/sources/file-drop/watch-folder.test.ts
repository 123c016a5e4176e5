import { appendFileSync, renameSync, utimesSync } from 'node:fs';
import { basename, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BACKENDS, type FreshDatabase } from '../../../test/support/backends.js';
import { findFileImport } from '../../store/file-imports-repo.js';
import type { ImportReport } from './import-report.js';
import { contact, invoice } from './test-support/records.js';
import { liveKeys } from './test-support/store-reads.js';
import { watchFolder } from './watch-folder.js';
import { scenes } from './test-support/scene.js';

/** A watcher on a 10 ms poll that tests step through scan by scan (no sleeps of their own). */
function startWatch(db: FreshDatabase['db'], dir: string) {
  const controller = new AbortController();
  const reports: ImportReport[] = [];
  let scans = 0;
  let onEachScan: (() => void) | undefined;
  let wake: (() => void) | undefined;
  const done = watchFolder(db, dir, {
    source: 'drop',
    pollMs: 10,
    signal: controller.signal,
    onReport: (r) => reports.push(r),
    onScan: () => {
      scans++;
      onEachScan?.();
      wake?.();
    },
  });
  const scan = () => new Promise<void>((resolve) => (wake = resolve));
  return {
    reports,
    imported: () => reports.flatMap((r) => r.files.map((f) => basename(f.file))),
    /** Waits for `n` more scans. */
    async scans(n: number) {
      for (let i = 0; i < n; i++) await scan();
    },
    /** Scans until `ready()`, at most 200 (2 s). */
    async until(ready: () => boolean) {
      for (let i = 0; i < 200 && !ready(); i++) await scan();
      expect(ready()).toBe(true);
    },
    everyScan(action: (() => void) | undefined) {
      onEachScan = action;
    },
    get count() {
      return scans;
    },
    async stop() {
      controller.abort();
      return done;
    },
  };
}

describe.each(BACKENDS)('import --watch on %s', (backend) => {
  const scene = scenes(backend);

  it('imports files as they arrive and finish writing, and never re-imports unchanged bytes', async () => {
    const { fresh, folder } = await scene();
    const { dir } = folder;
    folder.write('01-contacts.jsonl', [contact('P-1'), contact('P-2')]);
    const watch = startWatch(fresh.db, dir);
    await watch.until(() => watch.imported().length === 1);
    expect(watch.reports[0]!.totals).toMatchObject({ added: 2, rejected: 0 });

    // A file still growing is left alone until two scans see the same size and time.
    const growing = folder.write('02-invoices.jsonl', [invoice('I-1', 'P-1')]);
    let appends = 0;
    watch.everyScan(() => {
      if (appends < 3)
        appendFileSync(growing, `${JSON.stringify(invoice(`I-${++appends + 1}`, 'P-1'))}\n`);
    });
    await watch.until(() => watch.imported().length === 2);
    expect(appends).toBe(3);
    expect(watch.reports[1]!.files[0]).toMatchObject({ records: 4, added: 4 });

    // A file written under a temporary name is not seen until it is renamed.
    const part = folder.write('03-late.jsonl.part', [contact('P-3')]);
    await watch.scans(3);
    expect(watch.imported()).toHaveLength(2);
    renameSync(part, join(dir, '03-late.jsonl'));
    await watch.until(() => watch.imported().length === 3);

    // Touched (same bytes, new time): not imported again, and the new time is remembered.
    const later = new Date(Date.now() + 60_000);
    utimesSync(growing, later, later);
    await watch.scans(4);
    expect(watch.imported()).toEqual(['01-contacts.jsonl', '02-invoices.jsonl', '03-late.jsonl']);
    const row = await findFileImport(fresh.db, { source: 'drop', path: growing });
    expect(row?.mtimeNs.slice(0, 10)).toBe(String(later.getTime()).slice(0, 10));
    expect(await watch.stop()).toBe(3);
    expect(await liveKeys(fresh.db, 'drop')).toHaveLength(7);
  });

  it('a restarted watcher does not redo what was imported — or rejected — but takes a changed file', async () => {
    const { fresh, folder } = await scene();
    const contacts = folder.write('contacts.jsonl', [contact('P-1')]);
    folder.write('broken.jsonl', '{"kind": "contact"\n');
    const first = startWatch(fresh.db, folder.dir);
    await first.until(() => first.reports.length === 1);
    expect(first.reports[0]!.status).toBe('partial'); // broken.jsonl rejected, contacts applied
    await first.stop();

    const second = startWatch(fresh.db, folder.dir);
    await second.scans(4);
    expect(second.reports).toEqual([]);
    appendFileSync(contacts, `${JSON.stringify(contact('P-2'))}\n`);
    await second.until(() => second.reports.length === 1);
    expect(second.reports[0]!.files.map((f) => [basename(f.file), f.added, f.unchanged])).toEqual([
      ['contacts.jsonl', 1, 1],
    ]);
    await second.stop();

    const signal = AbortSignal.abort();
    await expect(watchFolder(fresh.db, contacts, { signal })).rejects.toMatchObject({
      code: 'LB_USAGE',
      message: `--watch watches a folder: ${contacts} is not one`,
    });
  });
});
