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

/** The latest tax credit grade (of the ratings the caller may see) of many subjects in one statement. */
export async function latestGrades(db: Knex, codes: readonly string[], visibility: Visibility): Promise<(string | null)[]> {
  const rows = await db('tax_credit_ratings')
    .distinctOn('subject_code')
    .select<{ subject_code: string; grade: string }[]>('subject_code', 'grade')
    .whereIn('subject_code', [...codes])
    .whereRaw(rowCondition(TAXATION_LISTS.creditRatings, visibility))
    .orderBy([{ column: 'subject_code' }, { column: 'year', order: 'desc' }]);
  const byCode = new Map(rows.map((r) => [r.subject_code, r.grade]));
  return codes.map((code) => byCode.get(code) ?? null);
}
