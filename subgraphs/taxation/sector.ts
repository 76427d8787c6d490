import path from 'node:path';
import DataLoader from 'dataloader';
import { defineRecordSector } from '../../shared/subgraph/sector';
import { visibilityFor } from '../../shared/subgraph/visibility';
import { WHILE_PUBLICITY_LASTS } from '../../shared/records';
import { CREATE_RECORD_KEY_V1 } from '../../shared/migrations/v1';
import { migrationsIn } from '../../shared/migrations/folder';
import { taxationDataset } from './dataset';
import { GRADE_IS_A, latestGrades } from './latestGrades';

/** Taxation: registrations, credit ratings, arrears notices, major violations and penalties. */
export const taxationSector = defineRecordSector({
  name: 'taxation',
  dir: __dirname,
  lists: {
    registrations: { recordType: 'TaxRegistration', table: 'tax_registrations' },
    creditRatings: { recordType: 'TaxCreditRating', table: 'tax_credit_ratings', publicWhen: GRADE_IS_A },
    arrearsNotices: { recordType: 'TaxArrearsNotice', table: 'tax_arrears_notices' },
    majorViolations: { recordType: 'MajorTaxViolation', table: 'major_tax_violations', publicWhen: WHILE_PUBLICITY_LASTS },
    penalties: { recordType: 'TaxPenalty', table: 'tax_penalties', publicWhen: WHILE_PUBLICITY_LASTS },
  },
  // The latest grade is public when the ratings are; the persons named in a violation, while its publicity lasts.
  publicWhen: { 'TaxationProfile.latestGrade': GRADE_IS_A, ResponsiblePerson: WHILE_PUBLICITY_LASTS },
  loaders: (db) => ({
    latestGrades: {
      all: new DataLoader((codes: readonly string[]) => latestGrades(db, codes, 'all')),
      public: new DataLoader((codes: readonly string[]) => latestGrades(db, codes, 'public')),
    },
  }),
  profileFields: {
    latestGrade: (profile, _args, context, info) => context.latestGrades[visibilityFor(info, context.request, profile.subjectCode)].load(profile.subjectCode),
  },
  migrations: [...migrationsIn(path.join(__dirname, 'migrations')), CREATE_RECORD_KEY_V1],
  dataset: taxationDataset,
});
