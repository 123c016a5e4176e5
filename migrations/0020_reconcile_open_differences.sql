-- 0020: the reconciliation page lists a reconciliation's open differences a page at a time, in the
-- report's order (category, then ref), by key: thousands of them are no longer read and sorted
-- whole on every view (src/store/reconcile-page-repo.ts).
CREATE INDEX reconcile_differences_open ON reconcile_differences (run_id, category, ref)
  WHERE NOT accepted;
