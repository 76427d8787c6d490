import type { Knex } from 'knex';
import type { RecordList } from '../../shared/records';

export const TAXATION_LISTS = {
  registrations: { recordType: 'TaxRegistration', table: 'tax_registrations' },
  creditRatings: { recordType: 'TaxCreditRating', table: 'tax_credit_ratings' },
  arrearsNotices: { recordType: 'TaxArrearsNotice', table: 'tax_arrears_notices' },
  majorViolations: { recordType: 'MajorTaxViolation', table: 'major_tax_violations' },
  penalties: { recordType: 'TaxPenalty', table: 'tax_penalties' },
} as const satisfies Record<string, RecordList>;

/** The latest tax credit grade of many subjects in one statement. */
export async function latestGrades(db: Knex, codes: readonly string[]): Promise<(string | null)[]> {
  const rows = await db('tax_credit_ratings')
    .distinctOn('subject_code')
    .select<{ subject_code: string; grade: string }[]>('subject_code', 'grade')
    .whereIn('subject_code', [...codes])
    .orderBy([{ column: 'subject_code' }, { column: 'year', order: 'desc' }]);
  const byCode = new Map(rows.map((r) => [r.subject_code, r.grade]));
  return codes.map((code) => byCode.get(code) ?? null);
}
