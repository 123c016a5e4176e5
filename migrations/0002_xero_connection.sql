-- 0002: Xero connections. Tokens are stored only encrypted (AES-256-GCM, LEDGERBRIDGE_SECRET_KEY);
-- the budget row per organisation is what every process consults before each call to Xero.

-- One token set per consent (an OAuth grant may cover several organisations) or per custom
-- connection. Xero staff: a token set "should be unique and only stored in a single place", so
-- organisations point here instead of holding copies (reference/xero-api.md §12).
CREATE TABLE xero_token_sets (
  id                 text PRIMARY KEY,
  grant_type         text NOT NULL CHECK (grant_type IN ('authorization_code', 'client_credentials')),
  sealed             text NOT NULL,
  key_id             text NOT NULL,
  access_expires_at  timestamptz NOT NULL,
  scopes             text NOT NULL DEFAULT '',
  status             text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'needs_reconnect', 'revoked')),
  status_reason      text,
  refreshed_at       timestamptz,
  created_at         timestamptz NOT NULL DEFAULT now(),
  updated_at         timestamptz NOT NULL DEFAULT now()
);

ALTER TABLE organisations ADD COLUMN token_set_id text REFERENCES xero_token_sets (id) ON DELETE SET NULL;
ALTER TABLE organisations ADD COLUMN connection_id text;
ALTER TABLE organisations ADD COLUMN daily_limit integer;

-- What Xero still allows, per organisation (and one row '*app*' for the app-wide minute limit).
-- Times are epoch milliseconds on the injected clock, so benchmarks can run it faster.
CREATE TABLE xero_budget (
  tenant_id          text PRIMARY KEY,
  -- start times of the calls in the last 60 s (at most the minute limit of them): a sliding
  -- window, so no 60-second span ever holds more than the limit wherever Xero's window starts
  minute_calls       bigint[] NOT NULL DEFAULT '{}',
  day_window_start   bigint NOT NULL DEFAULT 0,
  day_count          integer NOT NULL DEFAULT 0,
  -- calls in flight: lease id → expiry; a crashed process's leases lapse instead of leaking
  leases             jsonb NOT NULL DEFAULT '{}',
  -- the app-wide row ('*app*', 10,000 calls a minute) counts in fixed one-minute windows instead:
  -- a 10,000-entry sliding log per call would cost more than the limit is worth
  window_start       bigint NOT NULL DEFAULT 0,
  window_count       integer NOT NULL DEFAULT 0,
  paused_until       bigint NOT NULL DEFAULT 0,
  pause_reason       text,
  updated_at         timestamptz NOT NULL DEFAULT now()
);
