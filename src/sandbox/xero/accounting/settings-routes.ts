/**
 * Settings routes: Organisation, Organisation/Actions, Accounts, TaxRates, Currencies and
 * TrackingCategories. Their writes take one element per request and no summarizeErrors
 * (reference §3: "PUT /Accounts, TaxRates: one per request").
 *
 * @module
 */
import type { Hono } from 'hono';
import type { SandboxEnv } from '../http/env.js';
import { send } from '../http/env.js';
import type { SandboxServices } from '../services.js';
import { readText } from '../wire.js';
import type { WireObject } from '../wire.js';
import { writeAccount } from './accounts.js';
import { failed, succeeded } from './batch.js';
import type { ElementOutcome } from './batch.js';
import { currencyName } from './organisation.js';
import { envelope } from './render-common.js';
import { orgOf, registerReads, singleWrite } from './routes.js';
import {
  accountsDef,
  currenciesDef,
  taxRatesDef,
  trackingCategoriesDef,
} from './settings-entities.js';
import { ORGANISATION_ACTIONS, renderOrganisation } from './settings-render.js';
import { addTrackingOption, createTrackingCategory } from './tracking.js';
import type { WriteContext } from './context.js';

function addCurrency(ctx: WriteContext, element: WireObject): ElementOutcome {
  const code = readText(element, 'Code')?.toUpperCase();
  if (!code || !/^[A-Z]{3}$/.test(code))
    return failed({ idField: 'Code' }, element, ['Code is not valid.']);
  ctx.org.currencies.set(code, currencyName(code));
  return succeeded({ Code: code, Description: currencyName(code) });
}

export function registerSettings(api: Hono<SandboxEnv>, services: SandboxServices): void {
  api.get('/Organisation', (c) =>
    send({
      status: 200,
      body: envelope(services.clock.now(), {
        Organisations: [renderOrganisation(orgOf(services, c))],
      }),
    }),
  );
  api.get('/Organisation/Actions', () =>
    send({
      status: 200,
      body: envelope(services.clock.now(), { Actions: ORGANISATION_ACTIONS }),
    }),
  );
  registerReads(api, services, accountsDef);
  registerReads(api, services, taxRatesDef);
  registerReads(api, services, currenciesDef);
  registerReads(api, services, trackingCategoriesDef);
  const accounts = { collection: 'Accounts', idField: 'AccountID' };
  api.put(
    '/Accounts',
    singleWrite(services, accounts, (ctx, e) => writeAccount(ctx, e)),
  );
  api.post(
    '/Accounts/:id',
    singleWrite(services, accounts, (ctx, e, c) => writeAccount(ctx, e, c.req.param('id'))),
  );
  api.put(
    '/Currencies',
    singleWrite(services, { collection: 'Currencies', idField: 'Code' }, addCurrency),
  );
  const categories = { collection: 'TrackingCategories', idField: 'TrackingCategoryID' };
  api.put('/TrackingCategories', singleWrite(services, categories, createTrackingCategory));
  api.put(
    '/TrackingCategories/:id/Options',
    singleWrite(services, { collection: 'Options', idField: 'TrackingOptionID' }, (ctx, e, c) =>
      addTrackingOption(ctx, c.req.param('id') ?? '', e),
    ),
  );
}
