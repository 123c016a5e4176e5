/**
 * The published ledger format as JSON Schema, generated from the validators so the two cannot
 * drift (a test compares this with the files checked into schema/).
 *
 * @module
 */
import { z } from 'zod';
import { deletionSchema, documentSchema } from './document.js';

export const SCHEMA_BASE_ID = 'https://ledgerbridge.dev/schema/';

/** File name → JSON Schema (draft 2020-12) of what a PMS hands to Ledgerbridge. */
export function ledgerJsonSchemas(): Record<string, Record<string, unknown>> {
  const generate = (schema: z.ZodType, name: string, title: string, description: string) => ({
    $id: `${SCHEMA_BASE_ID}${name}`,
    title,
    description,
    ...z.toJSONSchema(schema, { io: 'input', target: 'draft-2020-12' }),
  });
  return {
    'ledger-document.schema.json': generate(
      documentSchema,
      'ledger-document.schema.json',
      'Ledgerbridge ledger document',
      'One contact, invoice, credit note, payment, bank transaction, bank transfer or journal as a practice-management system hands it to Ledgerbridge. See docs/ledger-format.md.',
    ),
    'ledger-deletion.schema.json': generate(
      deletionSchema,
      'ledger-deletion.schema.json',
      'Ledgerbridge deletion marker',
      'States that the source no longer has a document. See docs/ledger-format.md.',
    ),
  };
}
