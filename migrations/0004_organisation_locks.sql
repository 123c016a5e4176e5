-- 0004: who is syncing an organisation (issue 15). The exclusion itself is a lock the store
-- holds (a session-level advisory lock on PostgreSQL, in-process on PGlite: Database.tryLock);
-- this row only says who holds it, so a second process can say what it is waiting for, and
-- `status` can show a sync in progress. A row left by a process that died is overwritten by the
-- next holder; it is never read as the lock.
CREATE TABLE organisation_locks (
  tenant_id  text PRIMARY KEY,
  pid        integer NOT NULL,
  host       text NOT NULL,
  purpose    text NOT NULL,
  since      timestamptz NOT NULL DEFAULT now()
);
