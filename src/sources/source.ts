/**
 * The source interface: what a practice-management system (PMS) connector provides, so that a new
 * PMS is one folder `src/sources/<name>/` exporting a `SourceDefinition` (docs/adding-a-source.md).
 *
 * A connector only reads its API and maps records into ledger documents (src/ledger/). It never
 * validates, stores or decides anything: the pull runner (pull/run-pull.ts) validates each
 * document, stores each page through the same change-set path as the file drop, and saves the
 * cursor in the page's transaction. A connector never talks to Xero.
 *
 * @module
 */
import type { ContactEdit, DocumentKind, WriteBackOutcome } from '../ledger/index.js';
import type { ValidationIssue } from '../ledger/validate.js';
import type { SourceKind } from '../store/sources-repo.js';
import type { RateBudget } from './http/rate-budget.js';
import type { SourceCursor } from './cursor.js';

/** A removal the PMS reports (a `/deleted` endpoint, a tombstone): the document is marked deleted. */
export interface SourceDeletion {
  readonly kind: DocumentKind;
  readonly sourceId: string;
}

/**
 * A record the connector could not turn into a document at all (a field it needs is missing, a
 * tax it does not know): rejected by name, field and value like an invalid document.
 */
export type SourceRejection = ValidationIssue & {
  readonly kind: DocumentKind;
  readonly sourceId?: string;
};

/**
 * A default mapping the PMS itself names (Clio's `xero_service_code` on an activity description:
 * its lines' category → that Xero account). Stored for each organisation the source's entities
 * route to, only where no mapping of that type and key is set: a user's own is never replaced.
 */
export interface SuggestedMapping {
  readonly type: 'category_account';
  readonly key: string;
  readonly value: string;
  /** Where the PMS says so, for the audit log ("Clio activity description Legal advice"). */
  readonly origin: string;
}

/**
 * A complete list of the records of one kind (or of those under one prefix) the PMS has now, for
 * what the PMS never reports deleted (Clio's contacts; an Actionstep receipt's allocations): every stored live document of that kind it does not name is gone,
 * and the runner marks it deleted. Send it only after reading the whole list in this pull, and
 * after every document that referred to a gone record has been sent again (a merged contact's
 * bills, now the survivor's).
 */
export interface SourceListing {
  readonly kind: DocumentKind;
  /** Only the documents whose source id starts with this (one receipt's payments: "812-"). */
  readonly within?: string;
  readonly sourceIds: readonly string[];
}

/** One page of a pull: stored in one transaction together with `cursor`. */
export interface SourcePage {
  /** Ledger documents as plain objects, not yet validated; `source` is filled in by the runner. */
  readonly documents: readonly unknown[];
  readonly deletions: readonly SourceDeletion[];
  readonly rejections: readonly SourceRejection[];
  /**
   * Where the next pull starts once this page is stored. It must not pass a record of this page
   * or an earlier one that the connector has not yielded.
   */
  readonly cursor: SourceCursor;
  /** Entities the PMS has (id → name), when this page learnt them: recorded for `sources`. */
  readonly entities?: ReadonlyMap<string, string>;
  /** Default mappings the PMS names, seeded where none is set (stored with this page). */
  readonly suggestedMappings?: readonly SuggestedMapping[];
  /** Complete lists that stand in for a deleted list (`SourceListing`). */
  readonly listings?: readonly SourceListing[];
}

/** What connecting found: who the credentials belong to. Shown to users; never secret. */
export interface SourceAccount {
  readonly label: string;
  readonly details: Readonly<Record<string, string>>;
  readonly entities: ReadonlyMap<string, string>;
}

/** Settings every connector gets from the runner (configuration, not credentials). */
export interface SourceOptions {
  /** Overrides the PMS host (an emulator); undefined for the real service. */
  readonly baseUrl?: string;
  /** LEDGERBRIDGE_CONTACT_EMAIL, for APIs that want to know who calls (Cliniko's User-Agent). */
  readonly contactEmail?: string;
  /** How far before the cursor each pull starts again, against clock skew (ms). */
  readonly overlapMs: number;
  readonly budget: RateBudget;
  readonly fetch?: typeof fetch;
  /** Waits before retrying a 5xx (tests shorten them); http/source-http.ts has the defaults. */
  readonly retryDelaysMs?: readonly number[];
  /**
   * Stores credentials the connector renewed (an OAuth refresh that rotates the refresh token:
   * the old one is spent, so the new one must be kept before it is needed). Sealed like the rest.
   */
  saveCredentials?(credentials: unknown): Promise<void>;
}

export interface PullRequest {
  /** Undefined on the first pull or with --full: read everything. */
  readonly cursor: SourceCursor | undefined;
  readonly signal?: AbortSignal;
}

/** An open connection to one PMS account. */
export interface SourceConnection {
  /** Checks the credentials with one cheap request; throws LB_SOURCE_CREDENTIALS_INVALID if refused. */
  test(signal?: AbortSignal): Promise<SourceAccount>;
  /** Pages of documents and deletions, each with the cursor to resume after it. */
  pull(request: PullRequest): AsyncIterable<SourcePage>;
  /**
   * Two-way contacts (FEATURES C3), for PMSs that can take them: writes the fields a bookkeeper
   * changed in Xero back to the PMS, unless the PMS's contact changed later (then the PMS's edit is
   * the latest and wins). A refusal is an outcome; only faults (the PMS unreachable) throw.
   */
  writeContact?(edit: ContactEdit, signal?: AbortSignal): Promise<WriteBackOutcome>;
  /** Webhook subscriptions, for PMSs that send webhooks (Clio). */
  readonly webhooks?: SourceWebhooks;
}

/** A webhook subscription the PMS created: its id, shared secret and expiry. */
export interface CreatedWebhook {
  readonly id: string;
  readonly secret: string;
  readonly expiresAt: Date;
}

/** Subscribing to a PMS's webhooks: one subscription per model, renewed before it expires. */
export interface SourceWebhooks {
  /** The PMS's models a subscription is kept for (those the connector pulls that have webhooks). */
  readonly models: readonly string[];
  /** How long a subscription is asked to live (ms); renewed well before. */
  readonly lifetimeMs: number;
  create(
    url: string,
    model: string,
    expiresAt: Date,
    signal?: AbortSignal,
  ): Promise<CreatedWebhook>;
  /** Moves the expiry on; undefined when the PMS no longer has the subscription (create again). */
  renew(id: string, expiresAt: Date, signal?: AbortSignal): Promise<Date | undefined>;
}

/** What a connector folder exports. `C` is its credentials, stored sealed as JSON. */
export interface SourceDefinition<C = unknown> {
  readonly kind: SourceKind;
  /** The PMS's documented request limit per minute, kept to by the source's budget. */
  readonly rateLimitPerMinute: number;
  /** Checks stored or given credentials have the shape this connector needs. */
  parseCredentials(raw: unknown): C;
  open(credentials: C, options: SourceOptions): SourceConnection;
  /**
   * Verifies a webhook's signature (the service wires the route), for PMSs that send them.
   * `secret` is the source's webhook secret; true when the body is authentic.
   */
  verifyWebhook?(
    headers: Readonly<Record<string, string>>,
    body: Uint8Array,
    secret: string,
  ): boolean;
}
