/**
 * Tracking categories and their options (spec L25297; reference §11: names ≤ 100 characters,
 * at most 2 active categories per organisation, 2 per line).
 *
 * @module
 */
import { randomUUID } from 'node:crypto';
import { readText } from '../wire.js';
import type { WireObject } from '../wire.js';
import { failed, succeeded } from './batch.js';
import type { ElementOutcome } from './batch.js';
import type { WriteContext } from './context.js';
import { byId } from './lookup.js';
import { existingNotFound, requiredField } from './messages.js';
import { renderTrackingCategory } from './settings-render.js';

const MAX_ACTIVE_CATEGORIES = 2;

function nameOf(element: WireObject): string | undefined {
  const name = readText(element, 'Name');
  return name && name.length <= 100 ? name : undefined;
}

export function createTrackingCategory(ctx: WriteContext, element: WireObject): ElementOutcome {
  const shape = { idField: 'TrackingCategoryID' };
  const name = nameOf(element);
  if (!name) return failed(shape, element, [requiredField('Name')]);
  const categories = [...ctx.org.trackingCategories.values()];
  if (
    categories.some((c) => c.status !== 'DELETED' && c.name.toLowerCase() === name.toLowerCase())
  ) {
    return failed(shape, element, [`The tracking category name ${name} is already in use.`]);
  }
  if (categories.filter((c) => c.status === 'ACTIVE').length >= MAX_ACTIVE_CATEGORIES) {
    return failed(shape, element, [
      `An organisation can have at most ${MAX_ACTIVE_CATEGORIES} active tracking categories.`,
    ]);
  }
  const category = { id: randomUUID(), name, status: 'ACTIVE' as const, options: [] };
  ctx.org.trackingCategories.set(category.id, category);
  return succeeded(renderTrackingCategory(category));
}

export function addTrackingOption(
  ctx: WriteContext,
  categoryId: string,
  element: WireObject,
): ElementOutcome {
  const shape = { idField: 'TrackingOptionID' };
  const category = byId(ctx.org.trackingCategories, categoryId);
  if (!category)
    return failed(shape, element, [existingNotFound('Tracking Category', 'TrackingCategoryID')]);
  const name = nameOf(element);
  if (!name) return failed(shape, element, [requiredField('Name')]);
  if (category.options.some((o) => o.name.toLowerCase() === name.toLowerCase())) {
    return failed(shape, element, [`The tracking option name ${name} is already in use.`]);
  }
  const option = { id: randomUUID(), name, status: 'ACTIVE' as const };
  category.options.push(option);
  return succeeded({
    TrackingOptionID: option.id,
    Name: option.name,
    Status: option.status,
    TrackingCategoryID: category.id,
  });
}
