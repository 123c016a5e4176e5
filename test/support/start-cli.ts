/** Starts the real CLI in a child process that runs until stopped (serve, worker). */
import { spawn, type ChildProcess } from 'node:child_process';
import type { JobQueue } from '../../src/queue/job-queue.js';
import { cliArgs } from './cli-path.js';
import { disposeWorlds } from './xero-world.js';

export interface Started {
  readonly child: ChildProcess;
  /** Resolves to the exit code. */
  readonly exited: Promise<number>;
  /** stdout and stderr so far. */
  output(): string;
  /** stdout alone so far (what a command prints for its user). */
  stdout(): string;
}

export function startCli(args: string[], env: Record<string, string | undefined>): Started {
  const merged = { ...process.env, ...env };
  for (const [k, v] of Object.entries(merged)) if (v === undefined) delete merged[k];
  const child = spawn(process.execPath, cliArgs(args), { env: merged });
  let output = '';
  let stdout = '';
  child.stdout.on('data', (d: Buffer) => {
    output += d.toString();
    stdout += d.toString();
  });
  child.stderr.on('data', (d: Buffer) => (output += d.toString()));
  const exited = new Promise<number>((resolve) => child.on('close', (code) => resolve(code ?? -1)));
  return { child, exited, output: () => output, stdout: () => stdout };
}

/** Polls `probe` every 250 ms until it is true, or throws after `ms`. */
export async function until(probe: () => boolean | Promise<boolean>, ms: number): Promise<void> {
  const end = Date.now() + ms;
  while (!(await probe())) {
    if (Date.now() > end) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 250));
  }
}

/** What a real-process service test starts: its children, the queue it opened, then its worlds. */
export interface RunningTest {
  readonly children: ChildProcess[];
  queue: JobQueue | undefined;
  /** For afterEach: kills the children, stops the queue, disposes of the worlds. */
  readonly stop: () => Promise<void>;
}

export function startedByTest(): RunningTest {
  const started: RunningTest = {
    children: [],
    queue: undefined,
    stop: async () => {
      for (const c of started.children.splice(0)) c.kill('SIGKILL');
      await started.queue?.stop();
      started.queue = undefined;
      await disposeWorlds();
    },
  };
  return started;
}
