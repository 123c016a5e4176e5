-- 0010: the read lane (issue 20). A reconciliation's reads share the organisation's budget with
-- its syncs; while a sync waits for budget, the read lane may hold at most a fixed share of the
-- sliding minute (src/xero/read-lane.ts), so a daily reconciliation never starves a sync.
-- read_lane_calls: start times (epoch ms, injected clock) of the read lane's calls in the window;
-- sync_waiting_until: until when a sync is known to be waiting (set when one is refused).
ALTER TABLE xero_budget ADD COLUMN read_lane_calls bigint[] NOT NULL DEFAULT '{}';
ALTER TABLE xero_budget ADD COLUMN sync_waiting_until bigint NOT NULL DEFAULT 0;
