/**
 * The config file may hold only the keys of SETTINGS (nested: `{"xero": {"apiUrl": …}}`). A key
 * that is not one is refused with its name, and a near miss gets a suggestion: a typo silently
 * ignored left a setting at its default with nothing to show why.
 *
 * @module
 */
import { LedgerbridgeError } from '../errors/ledgerbridge-error.js';
import { SETTINGS } from './config-schema.js';

const LEAVES = new Map(SETTINGS.map((s) => [s.path.join('.'), s]));
const GROUPS = new Set(
  SETTINGS.flatMap((s) => s.path.slice(0, -1).map((_, i) => s.path.slice(0, i + 1).join('.'))),
);

/** Throws LB_CONFIG_INVALID for the first key of `file` that is not a setting. */
export function checkConfigFileKeys(file: Record<string, unknown>, filePath: string): void {
  walk(file, [], filePath);
}

function walk(node: Record<string, unknown>, prefix: readonly string[], filePath: string): void {
  for (const [key, value] of Object.entries(node)) {
    const path = [...prefix, key];
    const dotted = path.join('.');
    // "xero.apiUrl" as one key is not the nested setting: the loader would never read it.
    if (key.includes('.') || !(LEAVES.has(dotted) || GROUPS.has(dotted)))
      throw unknownKey(dotted, filePath);
    if (LEAVES.has(dotted)) continue;
    if (value === null || typeof value !== 'object' || Array.isArray(value))
      throw new LedgerbridgeError(
        'LB_CONFIG_INVALID',
        `Config file ${filePath} has "${dotted}" = ${JSON.stringify(value)}, which should hold settings`,
        {
          fix: `Write the settings under "${dotted}" as an object, e.g. {"${dotted}": {"${exampleUnder(dotted)}": …}} (see the configuration table in README.md).`,
          details: { setting: dotted, file: filePath },
        },
      );
    walk(value as Record<string, unknown>, path, filePath);
  }
}

function unknownKey(dotted: string, filePath: string): LedgerbridgeError {
  const hint = suggestion(dotted);
  return new LedgerbridgeError(
    'LB_CONFIG_INVALID',
    `Config file ${filePath} has an unknown key "${dotted}"`,
    {
      fix: `${hint ? `${hint} ` : ''}Remove or rename it: the file takes only the config-file keys of the configuration table in README.md.`,
      details: { setting: dotted, file: filePath },
    },
  );
}

/** A hint for a near miss, or undefined when nothing is close enough to guess. */
export function suggestion(dotted: string): string | undefined {
  const nested = LEAVES.get(dotted);
  if (nested) {
    const [group, ...rest] = nested.path;
    return `The file nests its keys: write {"${group}": {"${rest.join('.')}": …}}.`;
  }
  const byEnv = SETTINGS.find((s) => s.env === dotted.toUpperCase());
  if (byEnv)
    return `Did you mean "${byEnv.path.join('.')}"? (${byEnv.env} is its environment variable's name.)`;
  const near = nearest(dotted);
  return near ? `Did you mean "${near}"?` : undefined;
}

function nearest(dotted: string): string | undefined {
  const wanted = dotted.toLowerCase();
  const last = wanted.split('.').at(-1)!;
  let best: { path: string; distance: number } | undefined;
  for (const path of LEAVES.keys()) {
    const candidate = path.toLowerCase();
    // A setting named right but at the wrong level ("clientId" for "xero.clientId") is a near miss.
    const distance = candidate.split('.').at(-1) === last ? 0 : editDistance(wanted, candidate);
    if (!best || distance < best.distance) best = { path, distance };
  }
  const allowed = Math.max(1, Math.floor(dotted.length / 4));
  return best && best.distance <= allowed ? best.path : undefined;
}

/** Levenshtein distance (two rows). */
function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++)
      current[j] = Math.min(
        previous[j]! + 1,
        current[j - 1]! + 1,
        previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1),
      );
    previous = current;
  }
  return previous[b.length]!;
}

function exampleUnder(group: string): string {
  const leaf = [...LEAVES.keys()].find((p) => p.startsWith(`${group}.`));
  return leaf ? leaf.slice(group.length + 1) : 'key';
}
