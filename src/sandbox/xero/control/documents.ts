/**
 * Reading any document directly, for tests and the demo: the same rendering as a GET.
 *
 * @module
 */
import { ENTITY_DEFS } from '../accounting/entities.js';
import type { EntityDef } from '../accounting/entity.js';
import type { Organisation } from '../accounting/organisation.js';
import { FULL_VIEW } from '../accounting/render-common.js';
import type { WireObject } from '../wire.js';
import { SandboxControlError } from './control-error.js';

interface DocumentAccess {
  get(org: Organisation, key: string): WireObject | undefined;
  list(org: Organisation): WireObject[];
}

function access<D>(def: EntityDef<D>): DocumentAccess {
  return {
    get: (org, key) => {
      const doc = def.get(org, key);
      return doc === undefined ? undefined : def.render(org, doc, FULL_VIEW);
    },
    list: (org) => [...def.all(org)].map((doc) => def.render(org, doc, FULL_VIEW)),
  };
}

const ACCESS = new Map<string, DocumentAccess>(
  Object.entries(ENTITY_DEFS).map(([collection, def]) => [collection.toLowerCase(), def(access)]),
);

function accessFor(collection: string): DocumentAccess {
  const found = ACCESS.get(collection.toLowerCase());
  if (!found) throw new SandboxControlError(`unknown collection ${collection}`, 404);
  return found;
}

export function renderDocument(
  org: Organisation,
  collection: string,
  key: string,
): WireObject | undefined {
  return accessFor(collection).get(org, key);
}

export function listDocuments(org: Organisation, collection: string): WireObject[] {
  return accessFor(collection).list(org);
}
