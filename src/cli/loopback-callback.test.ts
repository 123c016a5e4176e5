import { describe, expect, it } from 'vitest';
import { freePort } from '../sources/actionstep/test-support.js';
import { catchCallback } from './loopback-callback.js';

describe('the loopback callback', () => {
  it('names the service being connected on the page and in its errors', async () => {
    const uri = `http://127.0.0.1:${await freePort()}/callback`;
    const clio = {
      name: 'Clio',
      setting: 'CLIO_REDIRECT_URI',
      code: 'LB_SOURCE_OAUTH_FAILED',
    } as const;
    const ok = await catchCallback(uri, 'st', 5_000, clio);
    const page = await (await fetch(`${uri}?state=st&code=abc`)).text();
    expect(page).toContain('Connected to Clio.');
    expect(await ok.code).toBe('abc');
    const refused = await catchCallback(uri, 'st', 5_000, clio);
    const failed = expect(refused.code).rejects.toMatchObject({
      code: 'LB_SOURCE_OAUTH_FAILED',
      message: 'Clio returned access_denied to the callback',
    });
    expect(await (await fetch(`${uri}?state=st&error=access_denied`)).text()).toContain(
      'Clio did not connect.',
    );
    await failed;
  });
});
