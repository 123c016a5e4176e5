/**
 * A source's cursor: one watermark per stream ("invoices", "invoices/deleted"…), each the latest
 * change time stored from that stream. Plain JSON, saved in `sources.cursor` in the transaction of
 * the page it follows, so a crash resumes after the last stored page and never skips one.
 *
 * Each pull re-reads from `overlapMs` before a watermark: a PMS's clock and ours may disagree by
 * seconds, and a record committed late with an earlier timestamp would otherwise be missed
 * (Fyle re-reads 5 minutes, reference/pms-apis.md §0.4). Re-reading costs nothing: unchanged
 * documents are counted, not written.
 *
 * @module
 */

export type SourceCursor = Readonly<Record<string, string>>;

/** Five minutes, as Fyle's connectors use (reference/pms-apis.md §0.4). */
export const DEFAULT_OVERLAP_MS = 5 * 60_000;

/** Where a stream's next read starts: its watermark less the overlap; undefined reads it all. */
export function readFrom(
  cursor: SourceCursor | undefined,
  stream: string,
  overlapMs: number,
): Date | undefined {
  const mark = cursor?.[stream];
  if (mark === undefined) return undefined;
  const time = Date.parse(mark);
  return Number.isNaN(time) ? undefined : new Date(time - overlapMs);
}

/** The cursor with `stream` moved to `seen`, never backwards. */
export function advance(
  cursor: SourceCursor | undefined,
  stream: string,
  seen: string | undefined,
): SourceCursor {
  const base = cursor ?? {};
  if (seen === undefined) return base;
  const current = base[stream];
  if (current !== undefined && Date.parse(current) >= Date.parse(seen)) return base;
  return { ...base, [stream]: new Date(seen).toISOString() };
}

/** A stored cursor read back: watermarks that are not text are dropped rather than trusted. */
export function asCursor(
  value: Readonly<Record<string, unknown>> | undefined,
): SourceCursor | undefined {
  if (value === undefined) return undefined;
  return Object.fromEntries(
    Object.entries(value).filter((e): e is [string, string] => typeof e[1] === 'string'),
  );
}
