-- 0017: a run whose process died (SIGKILL, power cut) before it finished is closed as
-- 'interrupted' by the next pass that takes its organisation's lock (docs/service.md).
ALTER TABLE runs DROP CONSTRAINT runs_status_check;
ALTER TABLE runs ADD CONSTRAINT runs_status_check
  CHECK (status IN ('running', 'succeeded', 'partial', 'failed', 'interrupted'));
