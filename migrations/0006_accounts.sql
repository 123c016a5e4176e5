-- 0006: accounts, sessions and API keys for `ledgerbridge serve` (docs/accounts.md). No secret is
-- kept in the clear: passwords as scrypt hashes, session ids, API keys and the one-time setup
-- token as SHA-256 digests (they are 256-bit random, so a fast digest is enough to make a stolen
-- table useless; a password is not, hence scrypt).
CREATE TABLE users (
  id             text PRIMARY KEY,
  email          text NOT NULL UNIQUE,
  role           text NOT NULL CHECK (role IN ('admin', 'accountant', 'viewer')),
  password_hash  text NOT NULL,
  created_at     timestamptz NOT NULL DEFAULT now(),
  updated_at     timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE sessions (
  id_hash        text PRIMARY KEY,
  user_id        text NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  -- the CSRF token bound to this session (random, sent in forms and X-CSRF-Token)
  csrf_token     text NOT NULL,
  created_at     timestamptz NOT NULL DEFAULT now(),
  last_seen_at   timestamptz NOT NULL DEFAULT now(),
  expires_at     timestamptz NOT NULL
);
CREATE INDEX sessions_by_user ON sessions (user_id);

CREATE TABLE api_keys (
  id             text PRIMARY KEY,
  -- the first characters of the key, kept in clear so a request finds its row in one lookup
  prefix         text NOT NULL UNIQUE,
  key_hash       text NOT NULL,
  label          text NOT NULL,
  role           text NOT NULL CHECK (role IN ('admin', 'accountant', 'viewer')),
  -- a push key is bound to one source and may only push to it
  source         text REFERENCES sources (name) ON DELETE CASCADE,
  created_at     timestamptz NOT NULL DEFAULT now(),
  revoked_at     timestamptz
);

CREATE TABLE setup_tokens (
  token_hash     text PRIMARY KEY,
  created_at     timestamptz NOT NULL DEFAULT now()
);
