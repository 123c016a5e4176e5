import { describe, expect, it } from 'vitest';
import {
  HANDSHAKE_WAIT_MS,
  RENEW_BEFORE_MS,
  RETRY_FAILED_AFTER_MS,
  shownWebhookStatus,
  webhookStep,
  webhooksDue,
  type WebhookState,
} from './webhook-plan.js';

const NOW = Date.parse('2026-06-01T00:00:00Z');
const DAY = 86_400_000;
const row = (over: Partial<WebhookState> = {}): WebhookState => ({
  status: 'enabled',
  hookId: '7',
  expiresAt: new Date(NOW + 7 * DAY),
  updatedAt: new Date(NOW - 1000),
  ...over,
});

describe('webhook subscriptions: create, renew or keep', () => {
  it('creates what is missing or past its expiry, renews what has under 3 days left', () => {
    expect(webhookStep(undefined, NOW)).toBe('create');
    expect(webhookStep(row(), NOW)).toBe('keep');
    expect(webhookStep(row({ expiresAt: new Date(NOW + RENEW_BEFORE_MS - 1) }), NOW)).toBe('renew');
    expect(webhookStep(row({ expiresAt: new Date(NOW) }), NOW)).toBe('create');
    expect(shownWebhookStatus(row({ expiresAt: new Date(NOW - 1) }), NOW)).toBe('expired');
    expect(shownWebhookStatus(row(), NOW)).toBe('enabled');
  });

  it('retries a refused one an hour on, and one whose handshake never came after 10 minutes', () => {
    const failed = (age: number) => row({ status: 'failed', updatedAt: new Date(NOW - age) });
    expect(webhookStep(failed(RETRY_FAILED_AFTER_MS - 1), NOW)).toBe('keep');
    expect(webhookStep(failed(RETRY_FAILED_AFTER_MS), NOW)).toBe('create');
    const pending = (age: number, hookId: string | null = '7') =>
      row({ status: 'pending', hookId, updatedAt: new Date(NOW - age) });
    expect(webhookStep(pending(1000), NOW)).toBe('keep');
    expect(webhookStep(pending(1000, null), NOW)).toBe('keep'); // being created
    expect(webhookStep(pending(HANDSHAKE_WAIT_MS), NOW)).toBe('create');
  });

  it('a source is due when any of its models is', () => {
    const models = ['bill', 'contact'];
    expect(webhooksDue(models, [{ model: 'bill', ...row() }], NOW)).toBe(true);
    const both = models.map((model) => ({ model, ...row() }));
    expect(webhooksDue(models, both, NOW)).toBe(false);
  });
});
