/**
 * Runs the CLI in this process (no child, no tsx start-up): its exit code and what it wrote. The
 * environment is the test's: stub it (vi.stubEnv) before the call.
 */
import { main } from '../../src/cli/main.js';

export async function cliInProcess(...argv: string[]) {
  let stdout = '';
  let stderr = '';
  const code = await main(['node', 'ledgerbridge', ...argv], {
    stdout: { write: (t: string) => (stdout += t) },
    stderr: { write: (t: string) => (stderr += t) },
  });
  return { code, stdout, stderr, all: stdout + stderr };
}
