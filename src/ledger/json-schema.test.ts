import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import { describe, expect, it } from 'vitest';
import { ledgerJsonSchemas } from './json-schema.js';
import {
  exampleContact,
  exampleCreditNote,
  exampleInvoice,
  examplePayment,
} from './test-support/examples.js';
import { validateDocument } from './validate.js';

const addFormats = addFormatsModule as unknown as (ajv: Ajv2020) => void;
const schemaDir = join(import.meta.dirname, '..', '..', 'schema');

describe('published JSON Schema', () => {
  it('matches the files checked into schema/ (run `npm run schema` after changing validators)', () => {
    for (const [name, schema] of Object.entries(ledgerJsonSchemas())) {
      const onDisk = JSON.parse(readFileSync(join(schemaDir, name), 'utf8')) as unknown;
      expect(onDisk, `schema/${name} is stale`).toEqual(schema);
    }
  });

  it('accepts and rejects the same records as the validators', () => {
    const ajv = new Ajv2020({ allErrors: true, strict: false });
    addFormats(ajv);
    const check = ajv.compile(ledgerJsonSchemas()['ledger-document.schema.json']!);
    const cases: unknown[] = [
      exampleContact,
      exampleInvoice,
      exampleCreditNote,
      examplePayment,
      { ...examplePayment, amount: '1.234' },
      { ...examplePayment, amount: 'ten' },
      { ...examplePayment, extra: 1 },
      { ...examplePayment, kind: 'receipt' },
      { ...exampleInvoice, lines: [] },
      { ...exampleInvoice, status: 'open' },
      { ...exampleContact, email: 'not-an-email' },
    ];
    for (const record of cases) {
      // Cross-field rules (totals) are beyond JSON Schema; these cases are all field-level.
      expect(check(record), JSON.stringify(record).slice(0, 80)).toBe(validateDocument(record).ok);
    }
  });
});
