/**
 * Confirmation of a command that cannot be undone: `--yes`, or `yes` typed at a prompt on a
 * terminal. Without a terminal (a script, a pipe, CI) and without `--yes` it refuses rather than
 * guess, so nothing destructive ever runs on an empty or stray stdin.
 *
 * @module
 */
import { createInterface } from 'node:readline/promises';
import { LedgerbridgeError } from '../errors/ledgerbridge-error.js';

export interface PromptStreams {
  readonly stdin: NodeJS.ReadableStream & { readonly isTTY?: boolean };
  readonly stderr: NodeJS.WritableStream;
}

/** Resolves true when confirmed; false when the user typed anything but `yes`. */
export async function confirmTyped(
  question: string,
  options: { yes?: boolean; command: string },
  streams: PromptStreams = process,
): Promise<boolean> {
  if (options.yes) return true;
  if (streams.stdin.isTTY !== true)
    throw new LedgerbridgeError(
      'LB_CONFIRMATION_NEEDED',
      `\`${options.command}\` needs confirming and stdin is not a terminal`,
      {
        fix: `Run \`${options.command}\` on a terminal and type yes when asked, or run \`${options.command} --yes\`.`,
      },
    );
  const prompt = createInterface({ input: streams.stdin, output: streams.stderr });
  try {
    // End of input (Ctrl-D) closes the prompt without an answer: that is a no, not a hang.
    const answer = await new Promise<string>((resolve, reject) => {
      // Deferred: a last line typed just before the end settles the question first.
      prompt.once('close', () => setImmediate(() => resolve('')));
      prompt.question(`${question} Type yes to go on: `).then(resolve, reject);
    });
    return answer.trim().toLowerCase() === 'yes';
  } finally {
    prompt.close();
  }
}
