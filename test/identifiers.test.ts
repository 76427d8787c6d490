import { checkUscc, checkResidentId, checkSubjectCode, maskResidentId, orgCodeCheckCharacter } from '../shared/identifiers';

describe('Unified Social Credit Code check (GB 32100-2015)', () => {
  it.each(['91310110666007217T', '91310115591693856A', '91350100M000100Y43', '91110000MA01A7RH2R', '53640000MJX173672F'])(
    'accepts the published code %s',
    (code) => {
      expect(checkUscc(code)).toEqual({ ok: true, kind: 'USCC', code });
      expect(checkUscc(code, { strictOrgCode: true }).ok).toBe(true);
    },
  );

  it('rejects an early pilot code whose check character is wrong, saying which it should be', () => {
    expect(checkUscc('91350211M00013FA1N')).toEqual({ ok: false, reason: "check character is 'N' but should be '3'" });
  });

  it.each([
    ['9131011066600721', 'a Unified Social Credit Code has 18 characters, got 16'],
    ['91310110666OO7217T', "character 'O' at position 12 is not in the USCC alphabet (0-9 and A-Y without I, O, S, V, Z)"],
    ['91AB0110666007217T', "positions 3-8 must be a 6-digit administrative division code, got 'AB0110'"],
  ])('rejects %s: %s', (code, reason) => {
    expect(checkUscc(code)).toEqual({ ok: false, reason });
  });

  it('normalizes case and surrounding spaces', () => {
    expect(checkUscc(' 91310110666007217t ')).toEqual({ ok: true, kind: 'USCC', code: '91310110666007217T' });
  });

  it('computes the GB 11714 organization-code check digit, X for 10 and 0 for 11', () => {
    expect(orgCodeCheckCharacter('66600721')).toBe('7');
    expect(orgCodeCheckCharacter('M000100Y')).toBe('4');
    expect(orgCodeCheckCharacter('10000018')).toBe('X');
    expect(orgCodeCheckCharacter('10000004')).toBe('0');
  });
});

describe('resident identity number check (GB 11643-1999)', () => {
  it('accepts a valid number with an X check character', () => {
    expect(checkResidentId('11010519491231002x')).toEqual({ ok: true, kind: 'RESIDENT_ID', code: '11010519491231002X' });
  });

  it.each([
    ['110105194912310021', "check character is '1' but should be 'X'"],
    ['11010519491331002X', "positions 7-14 must be a birth date (YYYYMMDD), got '19491331'"],
    ['1101051949123100', 'a resident identity number has 18 characters, got 16'],
    ['11010519491231A02X', 'a resident identity number is 17 digits followed by a digit or X'],
  ])('rejects %s: %s', (code, reason) => {
    expect(checkResidentId(code)).toEqual({ ok: false, reason });
  });

  it('masks all but the division and the last four characters', () => {
    expect(maskResidentId('11010519491231002X')).toBe('110105********002X');
  });
});

describe('subject code: either kind', () => {
  it('tells a resident ID from a USCC by its shape', () => {
    expect(checkSubjectCode('11010519491231002X')).toMatchObject({ ok: true, kind: 'RESIDENT_ID' });
    expect(checkSubjectCode('91310110666007217T')).toMatchObject({ ok: true, kind: 'USCC' });
  });

  it('explains a near-miss resident ID as a resident ID', () => {
    expect(checkSubjectCode('110105194912310021')).toEqual({
      ok: false,
      reason: "not a valid resident identity number: check character is '1' but should be 'X'",
    });
  });

  it('explains anything of the wrong length without guessing its kind', () => {
    expect(checkSubjectCode('')).toEqual({
      ok: false,
      reason: 'a subject code (Unified Social Credit Code or resident identity number) has 18 characters, got 0',
    });
  });
});
