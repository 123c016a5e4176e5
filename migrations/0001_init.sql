-- 0001: the store's first shape. Every table lives in schema "ledgerbridge" (search_path is set
-- by the migrator and by each connection). Timestamps are timestamptz; money is never stored
-- here as a number: documents keep canonical decimal strings inside their JSON content.

-- A PMS connection: one Clio account, one Cliniko key, one drop folder.
CREATE TABLE sources (
  name        text PRIMARY KEY,
  kind        text NOT NULL CHECK (kind IN ('file', 'push', 'clio', 'cliniko', 'actionstep')),
  settings    jsonb NOT NULL DEFAULT '{}',
  cursor      jsonb,
  created_at  timestamptz NOT NULL DEFAULT now(),
  updated_at  timestamptz NOT NULL DEFAULT now()
);

-- A connected Xero organisation (Xero's xero-tenant-id).
CREATE TABLE organisations (
  tenant_id       text PRIMARY KEY,
  name            text NOT NULL,
  connection_kind text NOT NULL DEFAULT 'oauth' CHECK (connection_kind IN ('oauth', 'client_credentials')),
  status          text NOT NULL DEFAULT 'connected' CHECK (status IN ('connected', 'needs_reconnect', 'disconnected')),
  status_reason   text,
  base_currency   text,
  created_at      timestamptz NOT NULL DEFAULT now(),
  updated_at      timestamptz NOT NULL DEFAULT now()
);

-- A business inside a source that keeps its own books, and its route to one organisation.
CREATE TABLE entities (
  source        text NOT NULL REFERENCES sources (name) ON DELETE CASCADE,
  entity        text NOT NULL,
  display_name  text,
  tenant_id     text REFERENCES organisations (tenant_id) ON DELETE SET NULL,
  PRIMARY KEY (source, entity)
);

-- Change order of documents: a keyset cursor for streaming "what changed since run N".
CREATE SEQUENCE document_change_seq;

-- The latest snapshot of every document a source has given us.
CREATE TABLE documents (
  source             text NOT NULL,
  kind               text NOT NULL,
  source_id          text NOT NULL,
  entity             text NOT NULL,
  status             text NOT NULL,
  hash               text NOT NULL,
  content            jsonb NOT NULL,
  source_updated_at  timestamptz NOT NULL,
  first_seen_at      timestamptz NOT NULL DEFAULT now(),
  last_seen_at       timestamptz NOT NULL DEFAULT now(),
  -- moves only when the content hash changes (or the document comes back after a deletion)
  changed_at         timestamptz NOT NULL DEFAULT now(),
  change_seq         bigint NOT NULL DEFAULT nextval('document_change_seq'),
  deleted_at         timestamptz,
  PRIMARY KEY (source, kind, source_id)
);
CREATE INDEX documents_by_change ON documents (change_seq);
CREATE INDEX documents_by_entity ON documents (source, entity, kind);

-- A document's Xero counterpart.
CREATE TABLE links (
  source       text NOT NULL,
  kind         text NOT NULL,
  source_id    text NOT NULL,
  tenant_id    text NOT NULL REFERENCES organisations (tenant_id),
  xero_id      text,
  xero_number  text,
  pushed_hash  text,
  pushed_at    timestamptz,
  -- a pushed document is locked; "unlock & re-push" clears this explicitly (FEATURES I9)
  locked       boolean NOT NULL DEFAULT true,
  state        jsonb NOT NULL DEFAULT '{}',
  PRIMARY KEY (source, kind, source_id, tenant_id)
);
CREATE UNIQUE INDEX links_by_xero_id ON links (tenant_id, xero_id) WHERE xero_id IS NOT NULL;

-- PMS value → Xero value, per organisation (and optionally per source).
CREATE TABLE mappings (
  tenant_id     text NOT NULL REFERENCES organisations (tenant_id) ON DELETE CASCADE,
  source        text NOT NULL DEFAULT '*',
  mapping_type  text NOT NULL CHECK (mapping_type IN (
                  'line_kind_account', 'category_account', 'tax_code', 'payment_method_account',
                  'tracking', 'rounding_account')),
  key           text NOT NULL,
  value         text NOT NULL,
  problem       text,
  validated_at  timestamptz,
  updated_at    timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, source, mapping_type, key)
);

-- Preferences: scope is 'global', 'source:<name>' or 'tenant:<id>'.
CREATE TABLE settings (
  scope       text NOT NULL DEFAULT 'global',
  key         text NOT NULL,
  value       jsonb NOT NULL,
  updated_at  timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (scope, key)
);

-- One pass of a source through import, plan and execute (or a reconcile).
CREATE TABLE runs (
  id           bigserial PRIMARY KEY,
  kind         text NOT NULL CHECK (kind IN ('import', 'sync', 'resync', 'reconcile')),
  source       text,
  tenant_id    text,
  status       text NOT NULL DEFAULT 'running' CHECK (status IN ('running', 'succeeded', 'partial', 'failed')),
  started_at   timestamptz NOT NULL DEFAULT now(),
  finished_at  timestamptz,
  stats        jsonb NOT NULL DEFAULT '{}',
  error        text
);
CREATE INDEX runs_by_start ON runs (started_at DESC);

-- Written before each push, so an interrupted push is resolved, never repeated blindly.
CREATE TABLE intents (
  id               bigserial PRIMARY KEY,
  run_id           bigint REFERENCES runs (id),
  tenant_id        text NOT NULL,
  operation        text NOT NULL,
  idempotency_key  text NOT NULL,
  documents        jsonb NOT NULL,
  payload_hash     text NOT NULL,
  state            text NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'applied', 'failed', 'unknown', 'resolved')),
  outcome          jsonb,
  created_at       timestamptz NOT NULL DEFAULT now(),
  updated_at       timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX intents_by_key ON intents (tenant_id, idempotency_key);
CREATE INDEX intents_open ON intents (tenant_id) WHERE state IN ('pending', 'unknown');

-- A document that cannot be pushed now; cleared when the cause is fixed and a run succeeds.
CREATE TABLE sync_errors (
  id             bigserial PRIMARY KEY,
  source         text NOT NULL,
  kind           text NOT NULL,
  source_id      text NOT NULL,
  tenant_id      text,
  code           text NOT NULL,
  message        text NOT NULL,
  xero_message   text,
  fix            text NOT NULL,
  blocks         jsonb NOT NULL DEFAULT '[]',
  occurrences    integer NOT NULL DEFAULT 1,
  first_seen_at  timestamptz NOT NULL DEFAULT now(),
  last_seen_at   timestamptz NOT NULL DEFAULT now(),
  cleared_at     timestamptz
);
CREATE UNIQUE INDEX sync_errors_open ON sync_errors (source, kind, source_id) WHERE cleared_at IS NULL;

-- Every push and every decision a person should be able to trace.
CREATE TABLE audit_log (
  id            bigserial PRIMARY KEY,
  at            timestamptz NOT NULL DEFAULT now(),
  actor         text NOT NULL DEFAULT 'ledgerbridge',
  action        text NOT NULL,
  source        text,
  kind          text,
  source_id     text,
  tenant_id     text,
  xero_id       text,
  payload_hash  text,
  outcome       text,
  detail        jsonb NOT NULL DEFAULT '{}'
);
CREATE INDEX audit_by_document ON audit_log (source, kind, source_id);
