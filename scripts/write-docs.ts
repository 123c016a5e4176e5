// Regenerates the generated parts of README.md (the configuration table): `npm run docs`.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { configTableMarkdown } from '../src/config/config-table.js';

const path = join(import.meta.dirname, '..', 'README.md');
const begin = '<!-- config-table:begin -->';
const end = '<!-- config-table:end -->';
const readme = readFileSync(path, 'utf8');
const start = readme.indexOf(begin);
const stop = readme.indexOf(end);
if (start < 0 || stop < start) throw new Error(`README.md lacks ${begin} … ${end}`);
writeFileSync(
  path,
  `${readme.slice(0, start + begin.length)}\n${configTableMarkdown()}\n${readme.slice(stop)}`,
);
console.log('README.md configuration table updated');
