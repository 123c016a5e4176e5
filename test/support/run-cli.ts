/**
 * Runs the real CLI in a child process (from source, through tsx), as a user would from a shell.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { cliArgs } from './cli-path.js';

const root = join(import.meta.dirname, '..', '..');

export interface CliResult {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

export function runCli(
  args: readonly string[],
  options: { env?: Record<string, string | undefined>; cwd?: string } = {},
): Promise<CliResult> {
  const env = { ...process.env, ...options.env };
  for (const [k, v] of Object.entries(env)) if (v === undefined) delete env[k];
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, cliArgs(args), {
      cwd: options.cwd ?? root,
      env,
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code: code ?? -1, stdout, stderr }));
  });
}

export interface RunningCli {
  readonly process: ChildProcess;
  /** Resolves with everything printed so far once stdout matches `pattern` (rejects on exit). */
  waitFor(pattern: RegExp): Promise<string>;
  readonly exited: Promise<CliResult>;
}

/** The real CLI in a child process that keeps running (`serve`, the demo's dashboard). */
export function spawnCli(
  args: readonly string[],
  envOverrides: Record<string, string | undefined> = {},
): RunningCli {
  const env = { ...process.env, ...envOverrides };
  for (const [k, v] of Object.entries(env)) if (v === undefined) delete env[k];
  const child = spawn(process.execPath, cliArgs(args), {
    cwd: root,
    env,
  });
  let stdout = '';
  let stderr = '';
  const waiters: { pattern: RegExp; resolve: (s: string) => void }[] = [];
  child.stdout.on('data', (d: Buffer) => {
    stdout += d.toString();
    for (const w of waiters.splice(0)) {
      if (w.pattern.test(stdout)) w.resolve(stdout);
      else waiters.push(w);
    }
  });
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const exited = new Promise<CliResult>((resolve) =>
    child.on('close', (code) => resolve({ code: code ?? -1, stdout, stderr })),
  );
  return {
    process: child,
    exited,
    waitFor: (pattern) =>
      pattern.test(stdout)
        ? Promise.resolve(stdout)
        : Promise.race([
            new Promise<string>((resolve) => waiters.push({ pattern, resolve })),
            exited.then((r) => {
              throw new Error(`the CLI exited (${r.code}) before printing ${pattern}: ${r.stderr}`);
            }),
          ]),
  };
}
