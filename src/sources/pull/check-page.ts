/**
 * A pulled page checked before it is stored, by the same rules as a file import: each document
 * through the ledger's one validator (ledger/validate.ts, which also computes its content hash),
 * one record per id, and every reference satisfied — by a document this page stores or one the
 * store has live (the file drop's reference rules: file-drop/references.ts, reference-resolution.ts).
 * What fails is a rejection naming the document, the field and the value; the rest is stored.
 * What the pull itself has stored or deleted (its pages waiting in a batch included) is answered
 * from its memory (pull-memory.ts), and only the rest asked of the store.
 *
 * @module
 */
import type { ErrorCode } from '../../errors/catalogue.js';
import {
  DEFAULT_ENTITY,
  documentLabel,
  recordLabel,
  validateDocument,
  type DocumentKey,
  type DocumentKind,
  type ValidationIssue,
  type VersionedDocument,
} from '../../ledger/index.js';
import type { Queryable } from '../../store/database.js';
import { documentKey } from '../file-drop/import-issue.js';
import { liveInStore } from '../file-drop/reference-resolution.js';
import { referencesOf } from '../file-drop/references.js';
import { SampledFastPath } from '../file-drop/fast-path.js';
import type { FastVersioned } from '../file-drop/fast-validate.js';
import type { SourcePage } from '../source.js';
import { PullMemory } from './pull-memory.js';

/** A valid document; with its JSON as the store keeps it when the fast path checked it. */
type Checked = VersionedDocument | FastVersioned;

export type PullIssueCode = Extract<ErrorCode, `LB_SOURCE_${string}`>;

export interface PullIssue extends ValidationIssue {
  readonly code: PullIssueCode;
}

export interface CheckedPage {
  /** `[hash, document]` JSON texts, as the store's bulk upsert takes them. */
  readonly pairs: string[];
  /** The accepted documents' keys (import-issue.ts `documentKey`), in the order of `pairs`. */
  readonly keys: string[];
  readonly deletions: DocumentKey[];
  /** The entities the accepted documents belong to. */
  readonly entities: ReadonlySet<string>;
  readonly issues: PullIssue[];
  /** Records rejected (a record with several issues counts once). */
  readonly rejected: number;
}

/** Documents are settled in this order so a rejected contact takes its invoices with it. */
const KIND_ORDER: readonly DocumentKind[] = ['contact', 'invoice', 'credit_note', 'payment'];

export async function checkPage(
  db: Queryable,
  source: string,
  page: Pick<SourcePage, 'documents' | 'deletions' | 'rejections'>,
  fastPath: SampledFastPath = new SampledFastPath({ source }),
  memory: PullMemory = new PullMemory(),
): Promise<CheckedPage> {
  const issues: PullIssue[] = page.rejections.map((r) => ({
    code: 'LB_SOURCE_INVALID_RECORD',
    document: r.document,
    field: r.field,
    value: r.value,
    message: r.message,
  }));
  const valid = validateAll(source, page.documents, issues, fastPath);
  const { accepted, deletions } = await settleReferences(db, source, valid, page, issues, memory);
  const keys = accepted.map((v) => documentKey(v.document.kind, v.document.sourceId));
  memory.record(
    keys,
    deletions.map((d) => documentKey(d.kind, d.sourceId)),
  );
  return {
    pairs: accepted.map((v) =>
      'json' in v ? `[${JSON.stringify(v.hash)},${v.json}]` : JSON.stringify([v.hash, v.document]),
    ),
    keys,
    deletions: deletions.map((d) => ({ source, kind: d.kind, sourceId: d.sourceId })),
    entities: new Set(accepted.map((v) => v.document.entity ?? DEFAULT_ENTITY)),
    issues,
    rejected: page.rejections.length + page.documents.length - accepted.length,
  };
}

/**
 * Valid documents of the page, one per key (the first), in KIND_ORDER: through the file drop's
 * fast path where it applies (~12 µs a document against ~90 for the validator), else the validator.
 */
function validateAll(
  source: string,
  documents: readonly unknown[],
  issues: PullIssue[],
  fastPath: SampledFastPath,
): Checked[] {
  const byKey = new Map<string, Checked>();
  for (const input of documents) {
    // The runner names the source: a connector never chooses where its documents are stored.
    const owned = typeof input === 'object' && input !== null ? { ...input, source } : input;
    const fast = fastPath.validate(owned, () => recordLabel(owned));
    const result = fast ? { ok: true as const, value: fast } : validateDocument(owned);
    if (!result.ok) {
      for (const i of result.error) issues.push({ code: 'LB_SOURCE_INVALID_RECORD', ...i });
      continue;
    }
    const { document } = result.value;
    const key = documentKey(document.kind, document.sourceId);
    if (byKey.has(key)) {
      issues.push({
        code: 'LB_SOURCE_DUPLICATE_ID',
        document: documentLabel(document),
        field: 'sourceId',
        value: document.sourceId,
        message: 'appears twice in one page; the first was kept',
      });
      continue;
    }
    byKey.set(key, result.value);
  }
  const rank = (v: Checked) => KIND_ORDER.indexOf(v.document.kind);
  return [...byKey.values()].sort((a, b) => rank(a) - rank(b));
}

/**
 * Documents whose references hold (the others become issues), and the deletions that have
 * something to delete: a connector sends markers routinely for what may never have been stored
 * (Cliniko: the settling payment of every open invoice), and looking them up with the references
 * costs one probe each, where marking them costs an update statement's join (~2.3 of 9.9 s of a
 * 20,000-invoice pull went to markers of nothing).
 */
async function settleReferences(
  db: Queryable,
  source: string,
  valid: readonly Checked[],
  page: Pick<SourcePage, 'deletions'>,
  issues: PullIssue[],
  memory: PullMemory,
): Promise<{ accepted: Checked[]; deletions: SourcePage['deletions'] }> {
  const deleted = new Set(page.deletions.map((d) => documentKey(d.kind, d.sourceId)));
  const inPage = new Set(valid.map((v) => documentKey(v.document.kind, v.document.sourceId)));
  const wanted = new Set<string>();
  const ask = (key: string) => {
    if (!inPage.has(key) && memory.live(key) === undefined) wanted.add(key);
  };
  for (const v of valid) for (const ref of referencesOf(v.document)) ask(ref.key);
  for (const key of deleted) if (!memory.absent(key)) ask(key);
  const found = await liveInStore({ db, source }, wanted);
  const live = (key: string) => memory.live(key) ?? found.has(key);
  const deletions = page.deletions.filter((d) => {
    const key = documentKey(d.kind, d.sourceId);
    return inPage.has(key) || live(key);
  });
  const accepted: Checked[] = [];
  const stored = new Set<string>();
  for (const v of valid) {
    const broken = referencesOf(v.document).find(
      (ref) => deleted.has(ref.key) || !(stored.has(ref.key) || live(ref.key)),
    );
    if (broken) {
      const name = `${broken.kind.replace('_', ' ')} ${broken.sourceId}`;
      issues.push({
        code: 'LB_SOURCE_MISSING_REFERENCE',
        document: documentLabel(v.document),
        field: broken.field,
        value: broken.sourceId,
        message: deleted.has(broken.key)
          ? `refers to ${name}, which the source deleted`
          : `refers to ${name}, which the source has not sent or which was rejected`,
      });
      continue;
    }
    stored.add(documentKey(v.document.kind, v.document.sourceId));
    accepted.push(v);
  }
  return { accepted, deletions };
}
