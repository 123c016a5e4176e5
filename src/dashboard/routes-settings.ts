/** `/settings`: read by everyone, changed by roles that map (FEATURES S8). */
import type { Hono } from 'hono';
import { requirePermission, type AuthEnv } from '../http/principal.js';
import { saveSyncSettings } from '../service/save-sync-settings.js';
import { loadSyncSettings, syncSettingsSchema } from '../sync/sync-settings.js';
import type { DashboardDeps } from './deps.js';
import { noticeOf, pageContext, withNotice } from './page-context.js';
import { DAYS, FLAGS, settingsPage } from './settings-page.js';

export function settingsRoutes(app: Hono<AuthEnv>, deps: DashboardDeps): void {
  app.get('/settings', async (c) =>
    c.html(settingsPage(pageContext(c), await loadSyncSettings(deps.db, ''), noticeOf(c))),
  );
  app.post('/settings', requirePermission('map'), async (c) => {
    const body: Record<string, unknown> = await c.req.parseBody({ all: true });
    const text = (k: string): string => {
      const v = body[k];
      return typeof v === 'string' ? v : '';
    };
    const statuses = body.pushStatuses;
    // The form sends every field, so the whole set is validated before any is saved.
    const change: Record<string, unknown> = {
      pushStatuses: (Array.isArray(statuses) ? statuses : statuses ? [statuses] : []).filter(
        (v): v is string => typeof v === 'string',
      ),
      ...Object.fromEntries(DAYS.map(([k]) => [k, text(k) || undefined])),
      ...Object.fromEntries(FLAGS.map(([k]) => [k, text(k) === 'true'])),
    };
    const checked = syncSettingsSchema.safeParse(change);
    if (!checked.success) {
      const issue = checked.error.issues[0];
      const field = String(issue?.path[0] ?? 'settings');
      const shown = JSON.stringify(change[field] ?? null);
      const notice = `Not saved: ${field} ${shown} ${issue?.message ?? 'is not valid'}. Correct it and save again.`;
      return c.html(settingsPage(pageContext(c), await loadSyncSettings(deps.db, ''), notice), 400);
    }
    await saveSyncSettings(deps.db, checked.data, c.get('principal').name);
    return c.redirect(withNotice('/settings', 'settings-saved'), 303);
  });
}
