-- Xero calls granted per UTC hour of the current day, per organisation: the dashboard's budget
-- chart. Reset when the day changes (calls_day is the epoch day), so the row never grows.
ALTER TABLE xero_budget
  ADD COLUMN hour_calls integer[] NOT NULL DEFAULT '{}',
  ADD COLUMN hour_calls_day integer NOT NULL DEFAULT 0;
