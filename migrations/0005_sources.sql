-- 0005: PMS sources read through their APIs (Cliniko, Clio, Actionstep). A source's credentials
-- (an API key, or OAuth tokens) are sealed at rest like Xero's (AES-256-GCM under
-- LEDGERBRIDGE_SECRET_KEY, src/xero/token-crypto.ts) and never stored or logged in the clear.
-- Its cursor lives in sources.cursor (0001), written in the same transaction as each page pulled.
CREATE TABLE source_credentials (
  source         text PRIMARY KEY REFERENCES sources (name) ON DELETE CASCADE,
  sealed         text NOT NULL,
  -- the id of the key that sealed it (token-crypto.ts), so rotation finds what is still old
  key_id         text NOT NULL,
  -- needs_reconnect: the PMS refused the credentials (401); pulls stop until `connect` again
  status         text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'needs_reconnect')),
  status_reason  text,
  -- what the PMS said the credentials belong to (account name, shard): shown, never secret
  account        jsonb NOT NULL DEFAULT '{}',
  created_at     timestamptz NOT NULL DEFAULT now(),
  updated_at     timestamptz NOT NULL DEFAULT now()
);

-- A pull is a run of its own kind.
ALTER TABLE runs DROP CONSTRAINT runs_kind_check;
ALTER TABLE runs ADD CONSTRAINT runs_kind_check
  CHECK (kind IN ('import', 'sync', 'resync', 'reconcile', 'pull'));
CREATE INDEX runs_by_source ON runs (source, kind, id DESC);
