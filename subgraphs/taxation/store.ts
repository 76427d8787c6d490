import type { Knex } from 'knex';
import { rowCondition, UNTIL_PUBLICITY_ENDS, type RecordList, type Visibility } from '../../shared/records';

const PUBLIC_GRADE = "grade = 'A'";

export const TAXATION_LISTS = {
  registrations: { recordType: 'TaxRegistration', table: 'tax_registrations' },
  // Only A-grade taxpayers are published.
  creditRatings: { recordType: 'TaxCreditRating', table: 'tax_credit_ratings', publicRows: PUBLIC_GRADE },
  arrearsNotices: { recordType: 'TaxArrearsNotice', table: 'tax_arrears_notices' },
  majorViolations: { recordType: 'MajorTaxViolation', table: 'major_tax_violations', publicRows: UNTIL_PUBLICITY_ENDS },
  penalties: { recordType: 'TaxPenalty', table: 'tax_penalties', publicRows: UNTIL_PUBLICITY_ENDS },
} as const satisfies Record<string, RecordList>;

/**
 * The latest tax credit grade of many subjects in one statement. A caller who may see only the
 * public ratings learns the latest grade only when that grade is itself public (A): an older A must
 * never stand in for a worse grade since.
 */
export async function latestGrades(db: Knex, codes: readonly string[], visibility: Visibility): Promise<(string | null)[]> {
  const latest = db('tax_credit_ratings')
    .distinctOn('subject_code')
    .select('subject_code', 'grade')
    .whereIn('subject_code', [...codes])
    .orderBy([{ column: 'subject_code' }, { column: 'year', order: 'desc' }])
    .as('latest');
  const rows = await db
    .select<{ subject_code: string; grade: string }[]>('subject_code', 'grade')
    .from(latest)
    .whereRaw(rowCondition(TAXATION_LISTS.creditRatings, visibility));
  const byCode = new Map(rows.map((r) => [r.subject_code, r.grade]));
  return codes.map((code) => byCode.get(code) ?? null);
}
