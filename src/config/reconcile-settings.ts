/**
 * The settings of the daily reconciliation and its alerts (docs/reconcile.md).
 *
 * @module
 */
import { z } from 'zod';
import { optionalUrl, setting, type SettingSpec } from './setting-spec.js';

export const RECONCILE_SETTINGS: readonly SettingSpec[] = [
  setting(
    'LEDGERBRIDGE_RECONCILE_TIME',
    'reconcile.time',
    z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'expected a time of day HH:MM (UTC)'),
    'Time of day (HH:MM, UTC) at which `ledgerbridge serve` reconciles every connected organisation with Xero.',
    { default: '06:00' },
  ),
  setting(
    'LEDGERBRIDGE_ALERT_WEBHOOK_URL',
    'reconcile.alertWebhookUrl',
    optionalUrl,
    'When set, a daily reconciliation that finds a new difference POSTs a JSON alert here.',
  ),
  setting(
    'LEDGERBRIDGE_ALERT_WEBHOOK_SECRET',
    'reconcile.alertWebhookSecret',
    z.string().min(16, 'at least 16 characters').optional(),
    'When set, each alert POST is signed: `X-Ledgerbridge-Signature: sha256=` HMAC-SHA256 of the body with this secret.',
    { secret: true },
  ),
  setting(
    'LEDGERBRIDGE_SMTP_URL',
    'reconcile.smtpUrl',
    z.url({ protocol: /^smtps?$/, message: 'expected an smtp:// or smtps:// URL' }).optional(),
    'When set (with LEDGERBRIDGE_ALERT_EMAIL_TO), a new reconciliation difference is also e-mailed over this SMTP server, e.g. `smtps://user:password@mail.example.com:465`.',
    { secret: true },
  ),
  setting(
    'LEDGERBRIDGE_ALERT_EMAIL_TO',
    'reconcile.alertEmailTo',
    z.string().min(3).optional(),
    'Who receives reconciliation alerts by e-mail (addresses separated by commas).',
  ),
  setting(
    'LEDGERBRIDGE_ALERT_EMAIL_FROM',
    'reconcile.alertEmailFrom',
    z.string().min(3),
    'The sender of reconciliation alert e-mails.',
    { default: 'ledgerbridge@localhost' },
  ),
];
