/** `/settings`: read by everyone, changed by roles that map (FEATURES S8). */
import type { Hono } from 'hono';
import { requirePermission, type AuthEnv } from '../http/principal.js';
import { saveSyncSettings } from '../service/save-sync-settings.js';
import { loadSyncSettings } from '../sync/sync-settings.js';
import type { DashboardDeps } from './deps.js';
import { noticeOf, pageContext, withNotice } from './page-context.js';
import { settingsPage } from './settings-page.js';
import { optionsRefusal, readOptionsForm } from './sync-options-form.js';

export function settingsRoutes(app: Hono<AuthEnv>, deps: DashboardDeps): void {
  app.get('/settings', async (c) =>
    c.html(settingsPage(pageContext(c), await loadSyncSettings(deps.db, ''), noticeOf(c))),
  );
  app.post('/settings', requirePermission('map'), async (c) => {
    const typed = readOptionsForm(await c.req.parseBody({ all: true }));
    try {
      await saveSyncSettings(deps.db, typed, c.get('principal').name);
    } catch (error) {
      const { text, status } = optionsRefusal(error);
      return c.html(settingsPage(pageContext(c), typed, text), status);
    }
    return c.redirect(withNotice('/settings', 'settings-saved'), 303);
  });
}
