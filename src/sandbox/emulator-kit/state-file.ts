/**
 * An emulator's state file: `{format, state}` written atomically with the Xero sandbox's tagged
 * Map/bigint encoding (src/sandbox/xero/state.ts), and read back only when the format matches.
 *
 * @module
 */
import { readFileIfExists, replacer, reviver, writeFileAtomically } from '../xero/state.js';

export async function saveEmulatorState(
  path: string,
  format: string,
  state: unknown,
): Promise<void> {
  await writeFileAtomically(path, JSON.stringify({ format, state }, replacer));
}

/** The saved state, or undefined when the file does not exist; another format is an error. */
export async function loadEmulatorState<S>(path: string, format: string): Promise<S | undefined> {
  const text = await readFileIfExists(path);
  if (text === undefined) return undefined;
  const parsed = JSON.parse(text, reviver) as { format?: unknown; state?: S };
  if (parsed.format !== format || !parsed.state)
    throw new Error(`${path} is not an emulator state file of format ${format}`);
  return parsed.state;
}
