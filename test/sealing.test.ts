import { randomBytes } from 'node:crypto';
import { openRowId, sealRowId } from '../shared/records';

/**
 * Record ids and cursors carry a row id sealed with the store's record key (AES-256, one block): the
 * same id seals to the same token, a token opens only under its own key, and nothing a caller sends
 * (another key's token, garbage) changes how the next token opens.
 */
describe('sealed row ids', () => {
  const key = randomBytes(32);
  const ids = [0, 1, 42, 2 ** 40, Number.MAX_SAFE_INTEGER];

  it('seal each row id to one 22-character token, which opens to the same id', () => {
    const tokens = ids.map((id) => sealRowId(key, id));
    expect(tokens.map((token) => token.length)).toEqual(ids.map(() => 22));
    expect(new Set(tokens).size).toBe(ids.length);
    expect(ids.map((id) => sealRowId(key, id))).toEqual(tokens);
    expect(tokens.map((token) => openRowId(key, token))).toEqual(ids);
  });

  it("refuse another key's tokens and malformed ones, and open the next token as before", () => {
    const other = randomBytes(32);
    const token = sealRowId(key, 7);
    expect(openRowId(other, token)).toBeNull();
    for (const bad of ['', 'short', `${token}A`, token.slice(0, 21), `${token.slice(0, 21)}*`, 'A'.repeat(22)]) expect(openRowId(key, bad)).toBeNull();
    expect(openRowId(key, token)).toBe(7);
    expect(openRowId(other, sealRowId(other, 7))).toBe(7);
  });
});
