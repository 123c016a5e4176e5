-- 0006: indexes for the HTTP API's filtered lists (docs/api.md). Every list is a keyset on the
-- primary key (id > cursor ORDER BY id LIMIT n); a filter on a column without an index would
-- walk the primary key past every non-matching row, so each filter has an (column, id) index
-- that answers it in one range scan at any table size.
CREATE INDEX audit_by_action ON audit_log (action, id);
CREATE INDEX audit_by_actor ON audit_log (actor, id);
CREATE INDEX sync_errors_open_by_code ON sync_errors (code, id) WHERE cleared_at IS NULL;
CREATE INDEX sync_errors_open_by_tenant ON sync_errors (tenant_id, id) WHERE cleared_at IS NULL;
