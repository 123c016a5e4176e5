import { describe, expect, it } from 'vitest';
import { apiBase, parseClinikoCredentials, shardOf } from './api-key.js';
import { linkedId } from './client.js';

describe('a Cliniko API key', () => {
  it("picks its shard's host from the key's suffix, whatever the shard, and au1 without one", () => {
    expect(apiBase('MS0xLTEtc2VjcmV0-uk1')).toBe('https://api.uk1.cliniko.com/v1');
    expect(apiBase('MS0xLTEtc2VjcmV0-AU4')).toBe('https://api.au4.cliniko.com/v1');
    expect(apiBase('MS0xLTEtc2VjcmV0-zz12')).toBe('https://api.zz12.cliniko.com/v1');
    expect(shardOf('MS0xLTEtc2VjcmV0')).toBe('au1');
    expect(apiBase('MS0x-au2', 'http://127.0.0.1:4000/v1/')).toBe('http://127.0.0.1:4000/v1');
  });

  it('refuses what is not a key, without repeating it', () => {
    expect(() => parseClinikoCredentials({ apiKey: 'short' })).toThrow(/not a Cliniko API key/);
    expect(() => parseClinikoCredentials({ apiKey: 'short' })).not.toThrow(/short/);
  });
});

describe("Cliniko's answers", () => {
  it('name related records by the id at the end of their link', () => {
    expect(
      linkedId({ links: { self: 'https://api.au1.cliniko.com/v1/patients/514810972972521916' } }),
    ).toBe('514810972972521916');
    expect(linkedId(null)).toBeUndefined();
  });
});
