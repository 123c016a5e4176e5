-- 0011: webhook subscriptions Ledgerbridge holds at a PMS (Clio), one per source and model, so a
-- change in the PMS is pulled at once instead of on the next interval (docs/service.md).
-- hook_id: the PMS's id of the subscription (null while it is being created).
-- sealed_secret: the PMS's shared secret that signs deliveries, sealed like source credentials
--   (AES-256-GCM under LEDGERBRIDGE_SECRET_KEY); key_id names the key that sealed it.
-- status: pending (created, handshake not yet answered), enabled, failed (the PMS refused to
--   create or renew it: status_reason says why), expired (its expiry passed unrenewed).
CREATE TABLE source_webhooks (
  source         text NOT NULL REFERENCES sources (name) ON DELETE CASCADE,
  model          text NOT NULL,
  hook_id        text,
  sealed_secret  text,
  key_id         text,
  status         text NOT NULL DEFAULT 'pending'
                 CHECK (status IN ('pending', 'enabled', 'failed', 'expired')),
  status_reason  text,
  expires_at     timestamptz,
  updated_at     timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (source, model)
);
