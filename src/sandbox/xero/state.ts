/**
 * Everything the sandbox remembers: the organisations' books and the identity service's records.
 * Runtime settings (limits switch, faults, webhook subscription) and counters live in their own
 * services and are not part of the saved state.
 *
 * Saved to and loaded from a JSON file (`stateFile`): Maps and bigints are written as tagged
 * objects (`{"$map": [...]}`, `{"$big": "1100000"}`) so a load gives back exactly what was saved.
 *
 * @module
 */
import { readFile, rename, writeFile } from 'node:fs/promises';
import type { Organisation } from './accounting/organisation.js';
import { emptyIdentityState } from './identity/model.js';
import type { IdentityState } from './identity/model.js';

export interface SandboxState {
  orgs: Map<string, Organisation>;
  identity: IdentityState;
}

const FORMAT = 'ledgerbridge-xero-sandbox/1';

export function emptyState(): SandboxState {
  return { orgs: new Map(), identity: emptyIdentityState() };
}

/** JSON.stringify replacer: Maps and bigints as tagged objects (shared with the Actionstep emulator). */
export function replacer(_key: string, value: unknown): unknown {
  if (typeof value === 'bigint') return { $big: value.toString() };
  if (value instanceof Map) return { $map: [...(value as Map<unknown, unknown>).entries()] };
  return value;
}

/** JSON.parse reviver undoing `replacer`. */
export function reviver(_key: string, value: unknown): unknown {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return value;
  const tagged = value as { $big?: unknown; $map?: unknown };
  if (typeof tagged.$big === 'string') return BigInt(tagged.$big);
  if (Array.isArray(tagged.$map)) return new Map(tagged.$map as [unknown, unknown][]);
  return value;
}

export function serialiseState(state: SandboxState): string {
  return JSON.stringify({ format: FORMAT, state }, replacer);
}

export function deserialiseState(text: string): SandboxState {
  const parsed = JSON.parse(text, reviver) as { format?: unknown; state?: SandboxState };
  if (parsed.format !== FORMAT || !parsed.state) {
    throw new Error(`not a Xero sandbox state file (expected format ${FORMAT})`);
  }
  return {
    orgs: parsed.state.orgs,
    identity: { ...emptyIdentityState(), ...parsed.state.identity },
  };
}

/** Writes a file atomically (temp file, then rename); shared with the Actionstep emulator. */
export async function writeFileAtomically(path: string, text: string): Promise<void> {
  const temp = `${path}.${process.pid}.tmp`;
  await writeFile(temp, text, 'utf8');
  await rename(temp, path);
}

/** A file's text; undefined when it does not exist. */
export async function readFileIfExists(path: string): Promise<string | undefined> {
  try {
    return await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

/** Writes the state atomically. */
export async function saveStateFile(path: string, state: SandboxState): Promise<void> {
  await writeFileAtomically(path, serialiseState(state));
}

/** Reads a saved state; undefined when the file does not exist. */
export async function loadStateFile(path: string): Promise<SandboxState | undefined> {
  const text = await readFileIfExists(path);
  return text === undefined ? undefined : deserialiseState(text);
}
