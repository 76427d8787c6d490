/**
 * Subject identifiers: the Unified Social Credit Code (GB 32100-2015) of organizations and the
 * resident identity number (GB 11643-1999) of natural persons. Validation returns a reason in
 * words, so a refusal can say exactly what is wrong with the code the caller typed.
 */

import { LRUCache } from 'lru-cache';
import { badUserInput, echo } from './errors';

export const USCC_ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const USCC_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
const ORG_CODE_WEIGHTS = [3, 7, 9, 10, 5, 8, 4, 2];
const ORG_CODE_ALPHABET = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ';
const RID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const RID_CHECK = '10X98765432';

export type SubjectCodeKind = 'USCC' | 'RESIDENT_ID';

export type CodeCheck =
  | { readonly ok: true; readonly kind: SubjectCodeKind; readonly code: string }
  | { readonly ok: false; readonly reason: string };

/** The USCC check character for the first 17 characters (which must be in the USCC alphabet). */
export function usccCheckCharacter(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i += 1) {
    sum += USCC_ALPHABET.indexOf(first17.charAt(i)) * (USCC_WEIGHTS[i] as number);
  }
  return USCC_ALPHABET.charAt((31 - (sum % 31)) % 31);
}

/** The GB 11714 organization-code check character for its first eight characters. */
export function orgCodeCheckCharacter(first8: string): string {
  let sum = 0;
  for (let i = 0; i < 8; i += 1) {
    sum += ORG_CODE_ALPHABET.indexOf(first8.charAt(i)) * (ORG_CODE_WEIGHTS[i] as number);
  }
  const r = 11 - (sum % 11);
  if (r === 10) return 'X';
  if (r === 11) return '0';
  return String(r);
}

/** The GB 11643 check character for the first 17 digits of a resident identity number. */
export function residentIdCheckCharacter(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i += 1) sum += Number(first17.charAt(i)) * (RID_WEIGHTS[i] as number);
  return RID_CHECK.charAt(sum % 11);
}

export interface UsccOptions {
  /** Also verify the GB 11714 check digit embedded at positions 9..17. */
  readonly strictOrgCode?: boolean;
}

export function checkUscc(input: string, options: UsccOptions = {}): CodeCheck {
  const code = input.trim().toUpperCase();
  if (code.length !== 18) {
    return { ok: false, reason: `a Unified Social Credit Code has 18 characters, got ${code.length}` };
  }
  for (let i = 0; i < 18; i += 1) {
    const c = code.charAt(i);
    if (!USCC_ALPHABET.includes(c)) {
      return {
        ok: false,
        reason: `character '${c}' at position ${i + 1} is not in the USCC alphabet (0-9 and A-Y without I, O, S, V, Z)`,
      };
    }
  }
  if (!/^[0-9]{6}$/.test(code.slice(2, 8))) {
    return { ok: false, reason: `positions 3-8 must be a 6-digit administrative division code, got '${code.slice(2, 8)}'` };
  }
  const expected = usccCheckCharacter(code.slice(0, 17));
  if (code.charAt(17) !== expected) {
    return { ok: false, reason: `check character is '${code.charAt(17)}' but should be '${expected}'` };
  }
  if (options.strictOrgCode) {
    const org = code.slice(8, 16);
    const expectedOrg = orgCodeCheckCharacter(org);
    if (code.charAt(16) !== expectedOrg) {
      return {
        ok: false,
        reason: `organization code check digit (position 17) is '${code.charAt(16)}' but should be '${expectedOrg}'`,
      };
    }
  }
  return { ok: true, kind: 'USCC', code };
}

function isRealDate(yyyymmdd: string): boolean {
  const y = Number(yyyymmdd.slice(0, 4));
  const m = Number(yyyymmdd.slice(4, 6));
  const d = Number(yyyymmdd.slice(6, 8));
  const date = new Date(Date.UTC(y, m - 1, d));
  return y >= 1900 && date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}

export function checkResidentId(input: string): CodeCheck {
  const code = input.trim().toUpperCase();
  if (code.length !== 18) {
    return { ok: false, reason: `a resident identity number has 18 characters, got ${code.length}` };
  }
  if (!/^[0-9]{17}[0-9X]$/.test(code)) {
    return { ok: false, reason: 'a resident identity number is 17 digits followed by a digit or X' };
  }
  if (!isRealDate(code.slice(6, 14))) {
    return { ok: false, reason: `positions 7-14 must be a birth date (YYYYMMDD), got '${code.slice(6, 14)}'` };
  }
  const expected = residentIdCheckCharacter(code.slice(0, 17));
  if (code.charAt(17) !== expected) {
    return { ok: false, reason: `check character is '${code.charAt(17)}' but should be '${expected}'` };
  }
  return { ok: true, kind: 'RESIDENT_ID', code };
}

/**
 * A subject code is either kind. Both are 18 characters, so the kind is told by shape: a resident
 * ID is all digits (or ends in X) with a birth date inside; anything with a letter before the last
 * position is a USCC.
 */
export function checkSubjectCode(input: string, options?: UsccOptions): CodeCheck {
  if (options !== undefined) return checkSubjectCodeNow(input, options);
  // The same codes are checked again and again (every field of a subject's records asks whose they
  // are): a verdict, which depends on the text alone, is kept for the next time.
  let verdict = verdicts.get(input);
  if (verdict === undefined) {
    verdict = Object.freeze(checkSubjectCodeNow(input, {}));
    if (input.length <= 64) verdicts.set(input, verdict);
  }
  return verdict;
}

/** Verdicts of `checkSubjectCode` with the default options, by the text checked. */
const verdicts = new LRUCache<string, CodeCheck>({ max: 20_000 });

function checkSubjectCodeNow(input: string, options: UsccOptions): CodeCheck {
  const code = input.trim().toUpperCase();
  if (code.length === 18 && /^[0-9]{17}/.test(code) && isRealDate(code.slice(6, 14))) {
    const asId = checkResidentId(code);
    if (asId.ok) return asId;
    const asUscc = checkUscc(code, options);
    if (asUscc.ok) return asUscc;
    return { ok: false, reason: `not a valid resident identity number: ${asId.reason}` };
  }
  if (code.length !== 18) {
    return {
      ok: false,
      reason: `a subject code (Unified Social Credit Code or resident identity number) has 18 characters, got ${code.length}`,
    };
  }
  const asUscc = checkUscc(code, options);
  return asUscc.ok ? asUscc : { ok: false, reason: `not a valid Unified Social Credit Code: ${asUscc.reason}` };
}

/**
 * A subject code argument of a GraphQL field, normalized; a malformed one (or, with `kind`, a
 * resident ID where an organization's code belongs) is refused with BAD_USER_INPUT naming the argument and what is wrong.
 */
export function requireSubjectCode(code: string, argumentName: string, kind?: 'USCC'): string {
  const check = checkSubjectCode(code);
  if (!check.ok) throw badUserInput(`Invalid subject code "${echo(code)}": ${check.reason}`, { argumentName });
  if (kind && check.kind !== kind) throw badUserInput(`"${echo(code)}" is not a Unified Social Credit Code of an organization`, { argumentName });
  return check.code;
}

const personByCode = new Map<string, boolean>();

/**
 * Whether a subject code names a natural person: a valid resident identity number (the graph's own
 * rule for a code's kind, `checkSubjectCode`). Memoized: it is asked for every field of every record.
 */
export function isNaturalPersonCode(code: string): boolean {
  let person = personByCode.get(code);
  if (person === undefined) {
    person = code.length === 18 && checkResidentId(code).ok;
    if (personByCode.size > 100_000) personByCode.clear();
    personByCode.set(code, person);
  }
  return person;
}

/** `110105********002X`: the form in which a resident ID is shown to callers who may not see it. */
export function maskResidentId(code: string): string {
  return code.length === 18 ? `${code.slice(0, 6)}********${code.slice(14)}` : '*'.repeat(code.length);
}
