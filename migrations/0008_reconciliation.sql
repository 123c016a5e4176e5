-- 0006: reconciliation (issue 20). A reconciliation is a run of kind 'reconcile' (runs, 0001);
-- its differences are kept per run so later reports and a trend of open differences are possible.

-- What Xero held at the last reconciliation, one compact row per document (totals, status,
-- amount due, when Xero last changed it): a later reconciliation reads only what Xero changed
-- since (If-Modified-Since) and compares against this copy plus those changes.
CREATE TABLE reconcile_xero_documents (
  tenant_id   text NOT NULL,
  collection  text NOT NULL,
  xero_id     text NOT NULL,
  summary     jsonb NOT NULL,
  PRIMARY KEY (tenant_id, collection, xero_id)
);

-- When each collection was last read in full or incrementally, per organisation.
CREATE TABLE reconcile_cursors (
  tenant_id   text NOT NULL,
  collection  text NOT NULL,
  read_at     timestamptz NOT NULL,
  PRIMARY KEY (tenant_id, collection)
);

-- Every difference a reconciliation found. `ref` is stable across runs for the same difference
-- (what it is about and what kind), `state` changes when anything about the document changes.
CREATE TABLE reconcile_differences (
  run_id       bigint NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
  tenant_id    text NOT NULL,
  ref          text NOT NULL,
  state        text NOT NULL,
  category     text NOT NULL,
  amount       text NOT NULL,
  accepted     boolean NOT NULL DEFAULT false,
  detail       jsonb NOT NULL,
  PRIMARY KEY (run_id, ref)
);
CREATE INDEX reconcile_differences_by_ref ON reconcile_differences (tenant_id, ref);

-- A difference accepted with a reason: left out of later reports while its `state` is the same.
CREATE TABLE reconcile_accepted (
  tenant_id    text NOT NULL,
  ref          text NOT NULL,
  state        text NOT NULL,
  reason       text NOT NULL,
  accepted_at  timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, ref)
);
