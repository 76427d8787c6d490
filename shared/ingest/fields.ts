import { checkResidentId, checkSubjectCode, checkUscc } from '../identifiers';
import { exactDecimalNumber, isCalendarDate as isDay } from '../scalars';
import { echo } from '../errors';

/**
 * The fields a source authority submits, one declaration per field: its GraphQL input type, its
 * column, the SQL type it is staged as, and how a value is checked and normalized. The same
 * declaration serves the GraphQL mutation (JSON values), an NDJSON file (JSON values) and a CSV
 * file (text cells), so the three ways in cannot disagree about what a valid record is.
 */

export type Parsed = { readonly ok: true; readonly value: unknown } | { readonly ok: false; readonly reason: string };

/** Where a value came from: a JSON value (GraphQL variables, an NDJSON line) or a CSV cell (always text). */
export type ValueSource = 'json' | 'csv';

export interface FieldKind {
  /** The GraphQL input type of the field, `!` included when it is required. */
  readonly graphql: string;
  /** The column's SQL type in the staging table, e.g. `date`, `numeric`, `jsonb`. */
  readonly sqlType: string;
  readonly required: boolean;
  /** The column, when it is not the field's name in snake_case. */
  readonly column?: string;
  /** Input types this field's GraphQL type needs (nested objects), as SDL. */
  readonly inputTypes?: readonly string[];
  /** Checks and normalizes a present value (never null or undefined: absence is handled by `required`). */
  parse(value: unknown, source: ValueSource): Parsed;
}

const ok = (value: unknown): Parsed => ({ ok: true, value });
const bad = (reason: string): Parsed => ({ ok: false, reason });

/** How an offending value appears in a problem: a short, printable prefix of text, or its kind. */
function describe(value: unknown): string {
  if (typeof value === 'string') return `"${echo(value)}"`;
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return value === null ? 'null' : `a value of type ${typeof value}`;
}

// Control characters never belong in a record (tab and line breaks only in prose fields), nor does any
// format character (Unicode category Cf: the bidirectional marks and overrides that make text read
// otherwise than it is stored), any default-ignorable one (zero-width spaces and joiners, the
// byte-order mark, soft hyphens, variation selectors, tag characters, Hangul fillers: invisible, they
// hide what is stored from who reads it) or a noncharacter.
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]|[\p{Cf}\p{Default_Ignorable_Code_Point}\p{Noncharacter_Code_Point}]/u;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const LINE_BREAKS = /[\t\n\r\u2028\u2029]/;
/** The shape of a resident identity number: 6-digit area, a birth date, 3 digits and a check character. */
const RESIDENT_ID_SHAPE = /^[1-9][0-9]{5}(?:18|19|20)[0-9]{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12][0-9]|3[01])[0-9]{3}[0-9X]$/;
/** A run of digits (and check characters) in which a resident identity number may sit. */
const DIGIT_RUN = /[0-9Xx]{18,}/g;

/**
 * Whether some 18 characters of a run of digits in `view` are a resident identity number whose check
 * character holds: wherever it starts and whatever digits are written before or after it
 * (`0110108195601040003`, `1101081956010400032`, an ID written twice in a row). The check character
 * keeps chance matches in long numbers rare (one window in about 25,000 of random digits).
 */
function residentIdWithin(view: string): boolean {
  for (const match of view.matchAll(DIGIT_RUN)) {
    const run = match[0].toUpperCase();
    for (let i = 0; i + 18 <= run.length; i += 1) {
      const window = run.slice(i, i + 18);
      if (RESIDENT_ID_SHAPE.test(window) && checkResidentId(window).ok) return true;
    }
  }
  return false;
}

/** A first-generation (15-digit) resident identity number: 2-digit province, area, a `YYMMDD` birth date, 3 digits. */
const OLD_RESIDENT_ID_IN_TEXT = /(?<![0-9])([1-9][0-9])[0-9]{4}[0-9]{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12][0-9]|3[01])[0-9]{3}(?![0-9])/g;
/** The provinces (GB/T 2260) a resident identity number starts with. */
const PROVINCES: ReadonlySet<string> = new Set(
  ['11', '12', '13', '14', '15', '21', '22', '23', '31', '32', '33', '34', '35', '36', '37', '41', '42', '43', '44', '45', '46', '50', '51', '52', '53', '54', '61', '62', '63', '64', '65', '71', '81', '82'],
);
/** What may be put between or on the digits of a number to slip it past a check: spaces, punctuation, symbols, marks, format characters. */
const DIGIT_SEPARATORS = /[\p{Z}\s\p{P}\p{S}\p{M}\p{Cf}]+/gu;
const DECIMAL_DIGIT = /\p{Nd}/gu;
const IS_DECIMAL_DIGIT = /^\p{Nd}$/u;

/** A decimal digit of any script as its ASCII digit: Unicode encodes each script's 0 to 9 in one run, from 0. */
function asciiDigit(digit: string): string {
  let zero = digit.codePointAt(0)!;
  while (IS_DECIMAL_DIGIT.test(String.fromCodePoint(zero - 1)) && digit.codePointAt(0)! - (zero - 1) <= 9) zero -= 1;
  return String((digit.codePointAt(0)! - zero) % 10);
}

/**
 * Whether free text carries a resident identity number, however written: digits of any script,
 * spaces, punctuation, symbols or marks between or on its digits, or the 15-digit first generation. Personal data
 * belongs in its own classified field, never in prose that may be published with its record.
 */
export function carriesResidentId(text: string): boolean {
  const folded = text.normalize('NFKC').replace(DECIMAL_DIGIT, (d) => (d >= '0' && d <= '9' ? d : asciiDigit(d)));
  const views = [folded, folded.replace(DIGIT_SEPARATORS, '')];
  return views.some(
    (view) =>
      residentIdWithin(view) ||
      [...view.matchAll(OLD_RESIDENT_ID_IN_TEXT)].some((m) => PROVINCES.has(m[1]!)),
  );
}

/** Full-width digits and Latin letters (U+FF10-FF19, U+FF21-FF3A, U+FF41-FF5A) as ASCII. */
function asciiAlphanumerics(value: string): string {
  return value.replace(/[\uff10-\uff19\uff21-\uff3a\uff41-\uff5a]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0));
}

export interface TextOptions {
  readonly max: number;
  readonly required?: boolean;
  /** Tabs and line breaks allowed (prose); by default only for texts longer than 200 characters. */
  readonly multiline?: boolean;
  /** A pattern the whole value must match, and how to say so. */
  readonly pattern?: { readonly regex: RegExp; readonly description: string };
  /**
   * An identifier: full-width digits and Latin letters are stored as their ASCII selves, so a number
   * that looks the same is the same number. Full-width punctuation stays as written: a court's case
   * number is written with （）, and that is its form.
   */
  readonly identifier?: boolean;
}

/** Text of 1 to `max` characters, trimmed, without control characters. */
export function text(options: TextOptions): FieldKind {
  const required = options.required ?? true;
  const multiline = options.multiline ?? options.max > 200;
  return {
    graphql: required ? 'String!' : 'String',
    sqlType: 'text',
    required,
    parse(value) {
      if (typeof value !== 'string') return bad(`must be text, got ${describe(value)}`);
      if (LONE_SURROGATE.test(value)) return bad('must be well-formed Unicode (it has a lone surrogate)');
      const trimmed = (options.identifier ? asciiAlphanumerics(value) : value).trim();
      if (trimmed === '') return bad('must not be empty');
      if ([...trimmed].length > options.max) return bad(`must be at most ${options.max} characters, got ${[...trimmed].length}`);
      if (CONTROL.test(trimmed)) return bad('must not contain control characters, bidirectional overrides or invisible characters');
      if (!multiline && LINE_BREAKS.test(trimmed)) return bad('must be one line (no tabs or line breaks)');
      if (options.pattern) return options.pattern.regex.test(trimmed) ? ok(trimmed) : bad(`must be ${options.pattern.description}`);
      if (carriesResidentId(trimmed)) return bad('must not contain a resident identity number: a natural person is named by its own classified fields, never in text');
      return ok(trimmed);
    },
  };
}

/** Whether `YYYY-MM-DD` names a real calendar day between 1949 and 2199 (no record is older than the People's Republic). */
export function isCalendarDate(value: string): boolean {
  return isDay(value) && value >= '1949-01-01' && value <= '2199-12-31';
}

/** A calendar date, `YYYY-MM-DD`. */
export function date(options: { readonly required?: boolean } = {}): FieldKind {
  const required = options.required ?? true;
  return {
    graphql: required ? 'Date!' : 'Date',
    sqlType: 'date',
    required,
    parse(value) {
      if (typeof value !== 'string' || !isCalendarDate(value.trim())) return bad(`must be a date YYYY-MM-DD, got ${describe(value)}`);
      return ok(value.trim());
    },
  };
}

const DECIMAL = /^-?\d{1,16}(\.\d{1,2})?$/;

/** An amount in yuan with at most two decimals, between `min` (default 0) and 10^16. */
export function amount(options: { readonly required?: boolean; readonly min?: number } = {}): FieldKind {
  const required = options.required ?? true;
  const min = options.min ?? 0;
  return {
    graphql: required ? 'Decimal!' : 'Decimal',
    sqlType: 'numeric',
    required,
    parse(value) {
      if (typeof value === 'number' && !exactDecimalNumber(value)) {
        return bad(`must be written as text ("12.50") to keep every digit: ${String(value)} has more digits than a JSON number carries exactly`);
      }
      const textual = typeof value === 'number' && Number.isFinite(value) ? String(value) : value;
      if (typeof textual !== 'string' || !DECIMAL.test(textual.trim())) {
        return bad(`must be an amount in yuan with at most two decimals, got ${describe(value)}`);
      }
      if (Number(textual) < min) return bad(`must be at least ${min}, got ${textual.trim()}`);
      return ok(textual.trim());
    },
  };
}

/** A whole number between `min` and `max`. */
export function integer(options: { readonly min: number; readonly max: number; readonly required?: boolean }): FieldKind {
  const required = options.required ?? true;
  return {
    graphql: required ? 'Int!' : 'Int',
    sqlType: 'integer',
    required,
    parse(value, source) {
      const n = source === 'csv' && typeof value === 'string' && /^-?\d{1,10}$/.test(value.trim()) ? Number(value) : value;
      if (typeof n !== 'number' || !Number.isInteger(n)) return bad(`must be a whole number, got ${describe(value)}`);
      if (n < options.min || n > options.max) return bad(`must be between ${options.min} and ${options.max}, got ${n}`);
      return ok(n);
    },
  };
}

/** One value of a GraphQL enum of the sector's schema (its values are read from the SDL: one list). */
export function oneOf(enumName: string, values: readonly string[], options: { readonly required?: boolean } = {}): FieldKind {
  const required = options.required ?? true;
  const known = new Set(values);
  return {
    graphql: required ? `${enumName}!` : enumName,
    sqlType: 'text',
    required,
    parse(value) {
      if (typeof value !== 'string' || !known.has(value.trim())) return bad(`must be one of ${values.join(', ')}, got ${describe(value)}`);
      return ok(value.trim());
    },
  };
}

/** A yes/no value (`true`/`false`; in CSV also `1`/`0`). */
export function bool(options: { readonly required?: boolean } = {}): FieldKind {
  const required = options.required ?? true;
  return {
    graphql: required ? 'Boolean!' : 'Boolean',
    sqlType: 'boolean',
    required,
    parse(value, source) {
      if (typeof value === 'boolean') return ok(value);
      if (source === 'csv' && typeof value === 'string') {
        const v = value.trim().toLowerCase();
        if (v === 'true' || v === '1') return ok(true);
        if (v === 'false' || v === '0') return ok(false);
      }
      return bad(`must be true or false, got ${describe(value)}`);
    },
  };
}

/** An organization's Unified Social Credit Code, check character verified. */
export function uscc(options: { readonly required?: boolean } = {}): FieldKind {
  const required = options.required ?? true;
  return {
    graphql: required ? 'String!' : 'String',
    sqlType: 'text',
    required,
    parse(value) {
      if (typeof value !== 'string') return bad(`must be a Unified Social Credit Code, got ${describe(value)}`);
      const check = checkUscc(value);
      return check.ok ? ok(check.code) : bad(`is not a valid Unified Social Credit Code: ${check.reason}`);
    },
  };
}

/** A subject code (USCC or resident identity number) inside a record, check character verified. */
export function subjectCode(options: { readonly required?: boolean } = {}): FieldKind {
  const required = options.required ?? true;
  return {
    graphql: required ? 'String!' : 'String',
    sqlType: 'text',
    required,
    parse(value) {
      if (typeof value !== 'string') return bad(`must be a subject code, got ${describe(value)}`);
      const check = checkSubjectCode(value);
      return check.ok ? ok(check.code) : bad(`is not a valid subject code: ${check.reason}`);
    },
  };
}

/**
 * A list of objects stored as JSON (`[ResponsiblePersonInput!]!`): each item's fields checked by
 * their own kinds. In CSV the cell holds the list as JSON text.
 */
export function listOf(inputType: string, fields: Readonly<Record<string, FieldKind>>, options: { readonly min?: number; readonly max: number }): FieldKind {
  const min = options.min ?? 0;
  const sdl = `input ${inputType} {\n${Object.entries(fields).map(([name, kind]) => `  ${name}: ${kind.graphql}`).join('\n')}\n}`;
  return {
    graphql: `[${inputType}!]!`,
    sqlType: 'jsonb',
    required: true,
    inputTypes: [sdl, ...Object.values(fields).flatMap((k) => k.inputTypes ?? [])],
    parse(value, source) {
      let list: unknown = value;
      if (source === 'csv' && typeof value === 'string') {
        try {
          list = JSON.parse(value) as unknown;
        } catch {
          return bad('must be a JSON list in this CSV cell');
        }
      }
      if (!Array.isArray(list)) return bad(`must be a list, got ${describe(value)}`);
      if (list.length < min || list.length > options.max) return bad(`must hold ${min} to ${options.max} entries, got ${list.length}`);
      const items: Record<string, unknown>[] = [];
      for (const [i, item] of (list as unknown[]).entries()) {
        if (typeof item !== 'object' || item === null || Array.isArray(item)) return bad(`entry ${i + 1} must be an object`);
        const extra = Object.keys(item).find((k) => !(k in fields));
        if (extra !== undefined) return bad(`entry ${i + 1} has an unknown field ${describe(extra)}`);
        const parsed: Record<string, unknown> = {};
        for (const [name, kind] of Object.entries(fields)) {
          const v = (item as Record<string, unknown>)[name];
          if (v === undefined || v === null || v === '') {
            if (kind.required) return bad(`entry ${i + 1}: ${name} is required`);
            parsed[name] = null;
            continue;
          }
          const result = kind.parse(v, 'json');
          if (!result.ok) return bad(`entry ${i + 1}: ${name} ${result.reason}`);
          parsed[name] = result.value;
        }
        items.push(parsed);
      }
      return ok(JSON.stringify(items));
    },
  };
}
