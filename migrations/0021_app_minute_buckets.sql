-- 0021: the app-wide limit (10,000 calls a minute across every organisation) counted as a sliding
-- minute in one-second buckets (src/xero/app-budget.ts) on the '*app*' row: start, calls, start,
-- calls, … A fixed window starting at our first call let 10,000 calls through at the end of one
-- window and 10,000 more at the start of the next — 20,000 in a span Xero may count as one minute.
-- window_start and window_count are no longer read.
ALTER TABLE xero_budget ADD COLUMN app_calls bigint[] NOT NULL DEFAULT '{}';
