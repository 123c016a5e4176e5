/**
 * The alert when a daily reconciliation finds a NEW difference (one not open in the run before):
 * a JSON POST to a webhook, signed with HMAC-SHA256 when a secret is set, and an e-mail over SMTP
 * when one is configured. Nothing is sent when nothing is new. Delivery failures are returned as
 * values (the reconciliation itself succeeded and is stored; the next run alerts again only for
 * what is new then).
 *
 * @module
 */
import { createHmac } from 'node:crypto';
import nodemailer from 'nodemailer';
import type { Difference } from './model.js';

export interface AlertSettings {
  readonly alertWebhookUrl?: string;
  readonly alertWebhookSecret?: string;
  readonly smtpUrl?: string;
  readonly alertEmailTo?: string;
  readonly alertEmailFrom: string;
}

export interface Alert {
  readonly organisation: string;
  readonly tenantId: string;
  readonly runId: number;
  /** The differences open now that were not open in the reconciliation before. */
  readonly differences: readonly Difference[];
  /** Every open difference, new or not. */
  readonly open: number;
}

export interface AlertDelivery {
  readonly channel: 'webhook' | 'email';
  readonly ok: boolean;
  readonly error?: string;
}

export const SIGNATURE_HEADER = 'x-ledgerbridge-signature';

/** Differences open now whose ref was not open before (accepted ones never alert). */
export function newDifferences(
  differences: readonly Difference[],
  openBefore: ReadonlySet<string>,
): Difference[] {
  return differences.filter((d) => !d.accepted && !openBefore.has(d.ref));
}

/** The JSON body of the webhook: what changed, in the report's words. */
export function alertBody(alert: Alert): string {
  return JSON.stringify({
    event: 'reconciliation.new_differences',
    organisation: alert.organisation,
    tenantId: alert.tenantId,
    runId: alert.runId,
    open: alert.open,
    new: alert.differences.map((d) => ({
      id: d.id,
      kind: d.kind,
      category: d.category,
      amount: d.amount,
      document: d.document,
      explanation: d.explanation,
      cause: d.cause,
      fix: d.fix,
      ...(d.changedAt && { changedAt: d.changedAt }),
    })),
  });
}

export function signature(body: string, secret: string): string {
  return `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;
}

/** Sends the alert on every configured channel; one channel failing does not stop the other. */
export async function sendAlert(alert: Alert, settings: AlertSettings): Promise<AlertDelivery[]> {
  if (alert.differences.length === 0) return [];
  const out: AlertDelivery[] = [];
  if (settings.alertWebhookUrl)
    out.push(await attempt('webhook', () => postWebhook(alert, settings)));
  if (settings.smtpUrl && settings.alertEmailTo)
    out.push(await attempt('email', () => mail(alert, settings)));
  return out;
}

async function attempt(
  channel: AlertDelivery['channel'],
  send: () => Promise<void>,
): Promise<AlertDelivery> {
  try {
    await send();
    return { channel, ok: true };
  } catch (error) {
    return { channel, ok: false, error: error instanceof Error ? error.message : String(error) };
  }
}

async function postWebhook(alert: Alert, settings: AlertSettings): Promise<void> {
  const body = alertBody(alert);
  const response = await fetch(settings.alertWebhookUrl!, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      'user-agent': 'ledgerbridge',
      ...(settings.alertWebhookSecret && {
        [SIGNATURE_HEADER]: signature(body, settings.alertWebhookSecret),
      }),
    },
    body,
    signal: AbortSignal.timeout(10_000),
  });
  await response.body?.cancel();
  if (!response.ok) throw new Error(`the alert webhook answered HTTP ${response.status}`);
}

async function mail(alert: Alert, settings: AlertSettings): Promise<void> {
  const transport = nodemailer.createTransport(settings.smtpUrl);
  try {
    const n = alert.differences.length;
    await transport.sendMail({
      from: settings.alertEmailFrom,
      to: settings.alertEmailTo!,
      subject: `Reconciliation: ${n} new difference${n === 1 ? '' : 's'} in ${alert.organisation}`,
      text: emailText(alert),
    });
  } finally {
    transport.close();
  }
}

function emailText(alert: Alert): string {
  const items = alert.differences.map(
    (d) => `- ${d.explanation}\n  Likely cause: ${d.cause}\n  Fix: ${d.fix}`,
  );
  return [
    `The daily reconciliation of ${alert.organisation} with Xero found ${alert.differences.length} new difference(s); ${alert.open} are open in all.`,
    '',
    ...items,
    '',
    'The full report: ledgerbridge reconcile --format html --out report.html',
  ].join('\n');
}
