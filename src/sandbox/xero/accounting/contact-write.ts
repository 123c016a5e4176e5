/**
 * PUT/POST /Contacts elements: PUT creates (or updates by ContactID), POST also matches an
 * existing contact by ContactNumber, `POST /Contacts/{id}` updates that contact.
 *
 * @module
 */
import { failed, succeeded } from './batch.js';
import { renderContact } from './contact-render.js';
import { createContact, findContactFor, updateContact } from './contacts.js';
import { Problems } from './context.js';
import type { WriteElement } from './entity.js';
import { existingNotFound } from './messages.js';

const SHAPE = { idField: 'ContactID' } as const;

export const writeContact: WriteElement = (ctx, element, mode, pathId) => {
  const problems = new Problems();
  const found = findContactFor(ctx, element, mode === 'post', pathId);
  if (found === 'missing')
    return failed(SHAPE, element, [existingNotFound('Contact', 'ContactID')]);
  const contact = found
    ? updateContact(ctx, found, element, problems)
    : createContact(ctx, element, problems);
  if (contact) return succeeded(renderContact(contact), problems.warnings);
  const echo = found ? { ...element, ContactID: found.id } : element;
  return failed(SHAPE, echo, problems.errors, problems.warnings);
};
