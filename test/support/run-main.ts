/**
 * Runs the CLI in this process through `main(argv, streams)`: the same parsing, actions and exit
 * codes as the real command, without a process per call (each spawn costs ~1 s of start-up).
 * Environment variables are stubbed for the call only; `undefined` removes one.
 */
import { vi } from 'vitest';
import { main } from '../../src/cli/main.js';
import type { CliResult } from './run-cli.js';

export async function runMain(
  args: readonly string[],
  options: {
    env?: Record<string, string | undefined>;
    /** Sees stderr as it is written (a consent address to follow, as a browser would). */
    onStderr?: (text: string) => void;
  } = {},
): Promise<CliResult> {
  for (const [name, value] of Object.entries(options.env ?? {})) vi.stubEnv(name, value);
  let stdout = '';
  let stderr = '';
  try {
    const code = await main(['node', 'ledgerbridge', ...args], {
      stdout: { write: (text: string) => (stdout += text) },
      stderr: {
        write: (text: string) => {
          stderr += text;
          options.onStderr?.(text);
        },
      },
    });
    return { code, stdout, stderr };
  } finally {
    vi.unstubAllEnvs();
  }
}
