/**
 * A new account's password, never on the command line (where `ps` and shell history show it):
 * from LEDGERBRIDGE_USER_PASSWORD for scripts, or typed twice at a prompt that does not echo.
 * Without either it refuses rather than read a stray stdin.
 *
 * @module
 */
import { createInterface } from 'node:readline/promises';
import { Writable } from 'node:stream';
import { LedgerbridgeError } from '../errors/ledgerbridge-error.js';
import type { PromptStreams } from './confirm.js';

export async function readNewPassword(
  email: string,
  fromSettings: string | undefined,
  streams: PromptStreams = process,
): Promise<string> {
  if (fromSettings) return fromSettings;
  if (streams.stdin.isTTY !== true)
    throw new LedgerbridgeError(
      'LB_AUTH_PASSWORD_NEEDED',
      `A password for ${email} is needed and stdin is not a terminal`,
    );
  const first = await hidden(`Password for ${email}: `, streams);
  const again = await hidden('The same again: ', streams);
  if (first !== again)
    throw new LedgerbridgeError('LB_AUTH_PASSWORD_NEEDED', 'The two passwords differ', {
      fix: 'Run the command again and type the same password twice.',
    });
  return first;
}

/** One line typed without echo: the prompt is written, the keystrokes are not. */
async function hidden(question: string, streams: PromptStreams): Promise<string> {
  streams.stderr.write(question);
  const muted = new Writable({ write: (_chunk, _encoding, done) => done() });
  const prompt = createInterface({ input: streams.stdin, output: muted, terminal: true });
  try {
    return await prompt.question('');
  } finally {
    prompt.close();
    streams.stderr.write('\n');
  }
}
