-- 0019: what the documents waiting to be sent need mapped, per organisation and source, as the last
-- sync pass or `map check` found them (src/store/mapping-needs-repo.ts). The Setup page reads it
-- instead of planning every waiting document on each view (seconds at 1,000,000 documents) and
-- resolves each need against the mappings as they are now. `needs` holds one entry per distinct
-- need ([{type, key, documents, categories?}]: tens, not documents); `change_seq` is the highest
-- document change the check could see, so documents changed after it are counted as not checked.
CREATE TABLE mapping_needs (
  tenant_id   text NOT NULL REFERENCES organisations (tenant_id) ON DELETE CASCADE,
  source      text NOT NULL REFERENCES sources (name) ON DELETE CASCADE,
  entities    text[] NOT NULL,
  change_seq  bigint NOT NULL,
  needs       jsonb NOT NULL,
  dry_run     boolean NOT NULL,
  checked_at  timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, source)
);

