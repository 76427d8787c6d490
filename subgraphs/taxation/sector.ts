import path from 'node:path';
import { defineRecordSector } from '../../shared/subgraph/sector';
import { enumValues } from '../../shared/subgraph/sdl';
import { visibilityFor } from '../../shared/subgraph/visibility';
import { publicRows, WHILE_PUBLICITY_LASTS, type RecordList } from '../../shared/records';
import { CREATE_RECORD_KEY_V1 } from '../../shared/migrations/v1';
import { recordLifeCycleV2 } from '../../shared/migrations/v2';
import { migrationsIn } from '../../shared/migrations/folder';
import type { Migration } from '../../shared/store';
import { amount, date, integer, listOf, oneOf, text } from '../../shared/ingest/fields';
import { inOrder } from '../../shared/ingest/spec';
import { GENERAL_PENALTY_TERM, minimumTerm, revocationOrSuspension } from '../../shared/recourse/repair';
import { taxationDataset } from './dataset';

const values = (enumName: string) => enumValues(__dirname, enumName);

/**
 * FROZEN once applied. A rating is versioned like every record: the unique (subject, year) of the
 * first migration would refuse its second version, so it holds over the versions in force only.
 */
const ONE_GRADE_PER_YEAR_IN_FORCE: Migration = {
  name: '20261201100000_tax_credit_ratings_unique_in_force',
  async up(db) {
    await db.raw('alter table tax_credit_ratings drop constraint tax_credit_ratings_subject_code_year_unique');
    await db.raw(`create unique index tax_credit_ratings_year_in_force_idx on tax_credit_ratings (subject_code, year) where current and state = 'IN_FORCE'`);
  },
  async down(db) {
    await db.raw('drop index tax_credit_ratings_year_in_force_idx');
    await db.raw('alter table tax_credit_ratings add constraint tax_credit_ratings_subject_code_year_unique unique (subject_code, year)');
  },
};
/** STA Order 54: a major tax violation is published for three years from its decision. */
const THREE_YEARS = `decision_date + interval '3 years'`;

/** Only A-grade taxpayers are published. */
export const GRADE_IS_A = publicRows('grade is A', "grade = 'A'");

const LISTS = {
  registrations: {
    recordType: 'TaxRegistration',
    table: 'tax_registrations',
    ingest: {
      fields: {
        taxpayerIdentificationNumber: text({ max: 20, pattern: { regex: /^[0-9A-Z]{15,20}$/, description: '15 to 20 digits or capital letters' } }),
        taxpayerType: oneOf('TaxpayerType', values('TaxpayerType')),
        registeredOn: date(),
        status: oneOf('TaxRegistrationStatus', values('TaxRegistrationStatus')),
      },
      // A taxpayer that stopped filing (非正常户) is negative information, kept while it lasts.
      negative: "status = 'NON_FILING'",
      actEnded: "case when status <> 'NON_FILING' then coalesce(act_ended_on, decision_date) end",
      describe: (r) => `税务登记（纳税人识别号 ${String(r.taxpayerIdentificationNumber)}）状态：${String(r.status)}`,
    },
  },
  creditRatings: {
    recordType: 'TaxCreditRating',
    table: 'tax_credit_ratings',
    publicWhen: GRADE_IS_A,
    ingest: {
      fields: {
        year: integer({ min: 2014, max: 2199 }),
        grade: oneOf('TaxCreditGrade', values('TaxCreditGrade')),
        score: integer({ min: 0, max: 100 }),
      },
      rules: [(r) => (typeof r.year === 'number' && typeof r.decisionDate === 'string' && r.year > Number(r.decisionDate.slice(0, 4)) ? { field: 'year', reason: `is after the decision's year (${r.decisionDate})` } : null)],
      // One grade in force per subject and year (the table's unique index over current versions).
      uniqueInForce: ['subject_code', 'year'],
      // A D grade is a dishonest taxpayer's (纳税信用 D 级).
      negative: "grade = 'D'",
      describe: (r) => `${String(r.year)} 年度纳税信用等级评定为 ${String(r.grade)} 级`,
    },
  },
  arrearsNotices: {
    recordType: 'TaxArrearsNotice',
    table: 'tax_arrears_notices',
    ingest: {
      fields: {
        taxType: text({ max: 40 }),
        amountOwed: amount({ min: 0.01 }),
        periodStart: date(),
        periodEnd: date(),
        status: oneOf('ArrearsStatus', values('ArrearsStatus')),
      },
      rules: [inOrder('periodStart', 'periodEnd'), inOrder('periodEnd', 'decisionDate')],
      negative: 'true',
      // Arrears are kept until they are paid, then for the retention period.
      actEnded: "case when status = 'PAID' then coalesce(act_ended_on, decision_date) end",
      describe: (r) => `欠缴${String(r.taxType)} ${String(r.amountOwed)} 元（所属期 ${String(r.periodStart)} 至 ${String(r.periodEnd)}）`,
    },
  },
  majorViolations: {
    recordType: 'MajorTaxViolation',
    table: 'major_tax_violations',
    publicWhen: WHILE_PUBLICITY_LASTS,
    // A serious case: 6 months from the decision (STA Order 54: early end once taxes, late fees and fines are paid); never a revocation or suspension.
    repair: { ...minimumTerm(6, 'decision_date', 'serious: STA Order 54, NDRC repair rules'), refusals: [revocationOrSuspension('penalty')] },
    ingest: {
      fields: {
        caseNature: text({ max: 80 }),
        facts: text({ max: 2000 }),
        legalBasis: text({ max: 500 }),
        penalty: text({ max: 500 }),
        amountInvolved: amount(),
        responsiblePersons: listOf(
          'ResponsiblePersonInput',
          {
            name: text({ max: 50 }),
            role: text({ max: 30, pattern: { regex: /^(LEGAL_REPRESENTATIVE|FINANCE_OFFICER|AGENT)$/, description: 'LEGAL_REPRESENTATIVE, FINANCE_OFFICER or AGENT' } }),
          },
          { max: 20 },
        ),
      },
      negative: 'true',
      publicityTerm: THREE_YEARS,
      describe: (r) => `重大税收违法失信案件：${String(r.caseNature)}，涉案金额 ${String(r.amountInvolved)} 元`,
    },
  },
  penalties: {
    recordType: 'TaxPenalty',
    table: 'tax_penalties',
    publicWhen: WHILE_PUBLICITY_LASTS,
    repair: {
      ...GENERAL_PENALTY_TERM,
      refusals: [{ sql: "penalty_type = 'SUSPENSION_OF_INVOICES'", reason: 'a suspension of invoices suspends the business, never repaired (SAMR penalty publicity Art. 14)' }],
    },
    ingest: {
      fields: {
        violation: text({ max: 200 }),
        penaltyType: oneOf('TaxPenaltyType', values('TaxPenaltyType')),
        fineAmount: amount(),
        legalBasis: text({ max: 500 }),
      },
      rules: [(r) => (r.penaltyType === 'FINE' && Number(r.fineAmount) === 0 ? { field: 'fineAmount', reason: 'is 0 for a FINE' } : null)],
      negative: 'true',
      // SAMR penalty publicity Art. 13: a warning (a light penalty) is published for 3 months, others for 3 years.
      publicityTerm: `case when penalty_type = 'WARNING' then decision_date + interval '3 months' else ${THREE_YEARS} end`,
      describe: (r) => `税务行政处罚（${String(r.penaltyType)}）：${String(r.violation)}，罚款 ${String(r.fineAmount)} 元`,
    },
  },
} as const satisfies Readonly<Record<string, RecordList>>;

/** Taxation: registrations, credit ratings, arrears notices, major violations and penalties. */
export const taxationSector = defineRecordSector({
  name: 'taxation',
  dir: __dirname,
  lists: LISTS,
  // The latest grade is public when the ratings are; the persons named in a violation, while its publicity lasts.
  publicWhen: { 'TaxationProfile.latestGrade': GRADE_IS_A, ResponsiblePerson: WHILE_PUBLICITY_LASTS },
  // The latest grade: the grade of the newest rating in force (by year), read with the lists' pages.
  latestValue: { list: 'creditRatings', column: 'grade', newestFirst: 'year desc', publicWhen: GRADE_IS_A },
  profileFields: {
    // The latest rating in force that the caller could be served at all; for the public, only when it
    // is itself public (an A): an older A must never stand in for a worse grade since.
    latestGrade: async (profile, _args, context, info) => {
      const visibility = visibilityFor(info, context.request, profile.subjectCode);
      const figures = await context.records.figures(LISTS.creditRatings, profile.subjectCode, visibility === 'public' ? 'all' : visibility);
      return visibility === 'public' && !figures.latestValueIsPublic ? null : figures.latestValue;
    },
  },
  migrations: [...migrationsIn(path.join(__dirname, 'migrations')), CREATE_RECORD_KEY_V1, recordLifeCycleV2(Object.values(LISTS).map((l) => l.table)), ONE_GRADE_PER_YEAR_IN_FORCE],
  dataset: taxationDataset,
});
