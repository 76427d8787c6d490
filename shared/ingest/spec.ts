import { checkSubjectCode, checkUscc } from '../identifiers';
import { date, isCalendarDate, text, type FieldKind, type ValueSource } from './fields';

/**
 * How a source authority submits one record type: declared once, beside the record list in the
 * sector's `sector.ts`. From it come the GraphQL input type and mutation (`shared/ingest/schema.ts`),
 * the checks every row of a mutation or import file passes (`validateRow`), the columns written, the
 * notice a negative record sends its subject, and the publicity term computed when none is given.
 */
export interface IngestSpec<Row extends Record<string, unknown> = Record<string, unknown>> {
  /** The record's own fields (the envelope's are common to all), by GraphQL input field name. */
  readonly fields: Readonly<Record<string, FieldKind>>;
  /** Rules across fields (dates in order, an amount not above another): a problem, or null. */
  readonly rules?: readonly RowRule<Row>[];
  /**
   * SQL over the table's columns: which records are negative information (penalties, listings,
   * arrears, bad behaviour, overdue accounts). A negative record sends its subject a notice, waits
   * for it before it is served, and leaves the graph when its retention ends. `'false'` for none.
   */
  readonly negative: string;
  /**
   * SQL over the table's columns: the day the act or event ended, from which retention runs (CIR
   * Art. 16), or null while it goes on (a debt unpaid, an obligation not performed, a listing in
   * force): such a record is kept as long as it does. Default: `actEndedOn`, else the decision date.
   */
  readonly actEnded?: string;
  /**
   * SQL over the table's columns: the last day of publicity when the authority gives none (SAMR
   * penalty publicity Art. 13: light penalties 3 months, others 3 years; listings by their own rules).
   * Omitted: the record has no publicity term of its own.
   */
  readonly publicityTerm?: string;
  /**
   * Columns of which at most one record in force may share the values, whoever submitted it (a tax
   * grade per subject and year). The table backs it with a unique index over its current versions.
   */
  readonly uniqueInForce?: readonly string[];
  /** What the notice tells the subject the record is, in a sentence (Chinese, as the record reads). */
  readonly describe: (row: Row) => string;
}

/** A rule over a whole row: the field it blames and why, or null when the row passes. */
export type RowRule<Row> = (row: Row) => { readonly field: string; readonly reason: string } | null;

/** One row as validated: its envelope and its own columns, ready to stage. */
export interface ValidRow {
  readonly subjectCode: string;
  /** The subject code failed its check character and was accepted as a marked legacy code. */
  readonly legacyCode: boolean;
  readonly documentNumber: string;
  readonly decisionDate: string;
  readonly actEndedOn: string | null;
  readonly publicityEndsOn: string | null;
  readonly correctionReason: string | null;
  /** The record's own columns, by column name. */
  readonly columns: Readonly<Record<string, unknown>>;
  readonly summary: string;
}

/** Why a row was refused: the field (column of a file) and the reason. */
export interface FieldProblem {
  readonly field: string;
  readonly reason: string;
}

export interface ValidateOptions {
  readonly source: ValueSource;
  /** Accept a USCC-shaped subject code whose check character is wrong, marked as legacy (imports only, by explicit flag). */
  readonly acceptLegacyCodes?: boolean;
  /** Today's date in China (`YYYY-MM-DD`): decisions are not dated in the future. */
  readonly today: string;
}

/** The envelope every record type's input shares; the source authority is the caller, never a field. */
export const ENVELOPE_INPUT: Readonly<Record<string, FieldKind>> = {
  documentNumber: text({ max: 80, identifier: true }),
  decisionDate: date(),
  actEndedOn: date({ required: false }),
  publicityEndsOn: date({ required: false }),
  correctionReason: text({ max: 500, required: false }),
};

export const ENVELOPE_INPUT_DESCRIPTIONS: Readonly<Record<string, string>> = {
  subject: 'The subject the record is about: its Unified Social Credit Code or resident identity number.',
  documentNumber: 'The decision or document number: with the record type and the caller, the identity of the record.',
  decisionDate: 'The day of the decision; not in the future.',
  actEndedOn: 'The day the act or event ended (retention runs from it; the decision date when omitted).',
  publicityEndsOn: 'The last day of public disclosure; computed from the record when omitted.',
  correctionReason: 'Why the record on file under this document number is corrected: required when it changes one.',
};

/** Snake case of an input field name: the column it is written to. */
export function columnOf(field: string, kind: FieldKind): string {
  return kind.column ?? field.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
}

const LEGACY_SHAPE = /^[0-9A-HJ-NP-RTUW-Y]{2}[0-9]{6}[0-9A-HJ-NP-RTUW-Y]{10}$/;

function checkSubject(value: unknown, options: ValidateOptions): { code: string; legacy: boolean } | { reason: string } {
  if (typeof value !== 'string' || value.trim() === '') return { reason: 'is required: the subject code' };
  const check = checkSubjectCode(value);
  if (check.ok) return { code: check.code, legacy: false };
  const upper = value.trim().toUpperCase();
  // DOMAIN.md: some real codes of early pilot regions fail the check character; an import may take them, marked.
  if (options.acceptLegacyCodes && LEGACY_SHAPE.test(upper) && !checkUscc(upper).ok) return { code: upper, legacy: true };
  return { reason: `is not a valid subject code: ${check.reason}${options.acceptLegacyCodes ? '' : ' (a legacy code is accepted only by an import that accepts them: --accept-legacy-codes, or ?acceptLegacyCodes=true)'}` };
}

/**
 * Checks one submitted row against its record type: every field known and valid, required ones
 * present, dates in order and not in the future, the type's own rules. Returns the row ready to
 * stage, or every problem found (not just the first).
 */
export function validateRow(spec: IngestSpec, raw: unknown, options: ValidateOptions): { ok: true; row: ValidRow } | { ok: false; problems: FieldProblem[] } {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return { ok: false, problems: [{ field: '(row)', reason: 'must be an object of fields' }] };
  const input = raw as Record<string, unknown>;
  const problems: FieldProblem[] = [];
  const known = new Set(['subject', ...Object.keys(ENVELOPE_INPUT), ...Object.keys(spec.fields)]);
  for (const field of Object.keys(input)) {
    if (!known.has(field)) problems.push({ field: field.slice(0, 40), reason: 'is not a field of this record type' });
  }
  const subject = checkSubject(input.subject, options);
  if ('reason' in subject) problems.push({ field: 'subject', reason: subject.reason });

  const values: Record<string, unknown> = {};
  for (const [field, kind] of [...Object.entries(ENVELOPE_INPUT), ...Object.entries(spec.fields)]) {
    const value = input[field];
    if (value === undefined || value === null || (options.source === 'csv' && value === '')) {
      if (kind.required) problems.push({ field, reason: 'is required' });
      values[field] = null;
      continue;
    }
    const parsed = kind.parse(value, options.source);
    if (parsed.ok) values[field] = parsed.value;
    else problems.push({ field, reason: parsed.reason });
  }

  const decisionDate = values.decisionDate as string | null;
  const actEndedOn = values.actEndedOn as string | null;
  const publicityEndsOn = values.publicityEndsOn as string | null;
  if (decisionDate && decisionDate > options.today) problems.push({ field: 'decisionDate', reason: `is in the future (${decisionDate}; today is ${options.today})` });
  if (actEndedOn && actEndedOn > options.today) problems.push({ field: 'actEndedOn', reason: `is in the future (${actEndedOn}; today is ${options.today})` });
  if (decisionDate && publicityEndsOn && publicityEndsOn < decisionDate) {
    problems.push({ field: 'publicityEndsOn', reason: `is before the decision date (${publicityEndsOn} < ${decisionDate})` });
  }
  // Rules see only values that passed their own checks (an invalid one is null), so every rule can run.
  for (const rule of spec.rules ?? []) {
    const problem = rule(values);
    if (problem) problems.push(problem);
  }
  if (problems.length > 0 || 'reason' in subject) return { ok: false, problems };

  const columns: Record<string, unknown> = {};
  for (const [field, kind] of Object.entries(spec.fields)) columns[columnOf(field, kind)] = values[field];
  return {
    ok: true,
    row: {
      subjectCode: subject.code,
      legacyCode: subject.legacy,
      documentNumber: values.documentNumber as string,
      decisionDate: decisionDate as string,
      actEndedOn,
      publicityEndsOn,
      correctionReason: (values.correctionReason as string | null) ?? null,
      columns,
      summary: spec.describe(values),
    },
  };
}

/** A rule: `later` is on or after `earlier` when both are given. */
export function inOrder<Row extends Record<string, unknown>>(earlier: string, later: string): RowRule<Row> {
  return (row) => {
    const a = row[earlier];
    const b = row[later];
    if (typeof a === 'string' && typeof b === 'string' && isCalendarDate(a) && isCalendarDate(b) && b < a) {
      return { field: later, reason: `is before ${earlier} (${b} < ${a})` };
    }
    return null;
  };
}

/** A rule: the amount `part` is not above `whole`. */
export function notAbove<Row extends Record<string, unknown>>(part: string, whole: string): RowRule<Row> {
  return (row) => {
    const a = row[part];
    const b = row[whole];
    if (typeof a === 'string' && typeof b === 'string' && Number(a) > Number(b)) return { field: part, reason: `is above ${whole} (${a} > ${b})` };
    return null;
  };
}
