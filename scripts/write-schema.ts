// Regenerates schema/*.json from the validators: `npm run schema`.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ledgerJsonSchemas } from '../src/ledger/json-schema.js';

const dir = join(import.meta.dirname, '..', 'schema');
mkdirSync(dir, { recursive: true });
for (const [name, schema] of Object.entries(ledgerJsonSchemas())) {
  writeFileSync(join(dir, name), `${JSON.stringify(schema, null, 2)}\n`);
  console.log(`wrote schema/${name}`);
}
