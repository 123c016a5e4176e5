import { SETTINGS } from './config-schema.js';

/** The README's configuration table, generated from SETTINGS (`npm run docs`). */
export function configTableMarkdown(): string {
  const rows = SETTINGS.map((s) => {
    const def = s.default === undefined ? '—' : `\`${s.default}\``;
    const key = `\`${s.path.join('.')}\``;
    return `| \`${s.env}\` | ${key} | ${def} | ${s.description.replace(/\|/g, '\\|')}${s.secret ? ' *Secret: never logged.*' : ''} |`;
  });
  return [
    '| Environment variable | Config-file key | Default | Meaning |',
    '|---|---|---|---|',
    ...rows,
  ].join('\n');
}
