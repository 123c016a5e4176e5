-- 0012: how many 429s Xero answered each organisation (every process's, counted where the budget
-- is shared), for /metrics' ledgerbridge_xero_429s (docs/service.md).
ALTER TABLE xero_budget ADD COLUMN rate_limited bigint NOT NULL DEFAULT 0;
