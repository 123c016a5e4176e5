import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { confirmTyped } from './confirm.js';

function terminal(typed: string, isTTY = true) {
  const stdin = Object.assign(new PassThrough(), { isTTY });
  const stderr = new PassThrough();
  let shown = '';
  stderr.on('data', (d: Buffer) => (shown += d.toString()));
  stdin.end(typed);
  return { streams: { stdin, stderr }, shown: () => shown };
}

const command = 'ledgerbridge keys reset';

describe('confirmTyped', () => {
  it('goes on when yes is typed at the prompt on a terminal', async () => {
    const t = terminal('yes\n');
    expect(await confirmTyped('Drop them?', { command }, t.streams)).toBe(true);
    expect(t.shown()).toContain('Drop them? Type yes to go on: ');
  });

  it('stops on anything else typed', async () => {
    for (const typed of ['no\n', 'y\n', '\n', '' /* end of input, Ctrl-D */])
      expect(await confirmTyped('Drop them?', { command }, terminal(typed).streams)).toBe(false);
  });

  it('refuses without a terminal unless --yes, naming the fix', async () => {
    const piped = terminal('yes\n', false);
    await expect(confirmTyped('Drop them?', { command }, piped.streams)).rejects.toMatchObject({
      code: 'LB_CONFIRMATION_NEEDED',
      fix: expect.stringContaining('ledgerbridge keys reset --yes') as unknown,
    });
    expect(
      await confirmTyped('Drop them?', { command, yes: true }, terminal('', false).streams),
    ).toBe(true);
  });
});
