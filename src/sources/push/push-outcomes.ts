/**
 * What a pushed batch does to each document it names (FEATURES R4: "answers per document"),
 * decided as the store's writer decides it (documents-repo.ts): a document the source does not
 * hold, or holds deleted, is added; one whose content hash differs is changed; else unchanged. A
 * deletion marker deletes a live document and changes nothing otherwise. Read under the source's
 * lock, in the batch's transaction, just before the write: nothing can move in between.
 *
 * @module
 */
import type { DocumentKey } from '../../ledger/index.js';
import type { Queryable } from '../../store/database.js';
import { storedStates } from '../../store/documents-repo.js';

export type PushOutcome = 'added' | 'changed' | 'deleted' | 'unchanged';

export interface DocumentOutcome {
  readonly kind: string;
  readonly sourceId: string;
  readonly outcome: PushOutcome;
}

/** `pairs` are the page's `[hash, document]` JSON texts (check-page.ts). */
export async function pushOutcomes(
  tx: Queryable,
  source: string,
  pairs: readonly string[],
  deletions: readonly DocumentKey[],
): Promise<DocumentOutcome[]> {
  const incoming = pairs.map((text) => {
    const [hash, doc] = JSON.parse(text) as [string, { kind: string; sourceId: string }];
    return { kind: doc.kind, sourceId: doc.sourceId, hash };
  });
  const stored = await storedStates(tx, source, [...incoming, ...deletions]);
  const held = (k: { kind: string; sourceId: string }) => stored.get(`${k.kind}/${k.sourceId}`);
  return [
    ...incoming.map(({ kind, sourceId, hash }) => {
      const before = held({ kind, sourceId });
      const outcome: PushOutcome =
        !before || before.deleted ? 'added' : before.hash === hash ? 'unchanged' : 'changed';
      return { kind, sourceId, outcome };
    }),
    ...deletions.map(({ kind, sourceId }) => {
      const before = held({ kind, sourceId });
      const outcome: PushOutcome = before && !before.deleted ? 'deleted' : 'unchanged';
      return { kind, sourceId, outcome };
    }),
  ];
}
