#!/usr/bin/env node
// The `ledgerbridge` command. The TypeScript is compiled to dist/ by `npm install` (prepare).
import { existsSync } from 'node:fs';

const entry = new URL('../dist/cli/entry.js', import.meta.url);
if (!existsSync(entry)) {
  process.stderr.write(
    'ledgerbridge: dist/ is missing — run `npm run build` in the Ledgerbridge folder.\n',
  );
  process.exit(1);
}
await import(entry.href);
