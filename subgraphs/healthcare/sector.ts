import path from 'node:path';
import { defineRecordSector } from '../../shared/subgraph/sector';
import { WHILE_PUBLICITY_LASTS } from '../../shared/records';
import { CREATE_RECORD_KEY_V1 } from '../../shared/migrations/v1';
import { recordLifeCycleV2 } from '../../shared/migrations/v2';
import { migrationsIn } from '../../shared/migrations/folder';
import { healthcareDataset } from './dataset';

/** Healthcare: licences, physicians, assessments, medical-insurance conduct and (special) clinical records. */
export const healthcareSector = defineRecordSector({
  name: 'healthcare',
  dir: __dirname,
  lists: {
    practiceLicences: { recordType: 'PracticeLicence', table: 'practice_licences' },
    physicianRegistrations: { recordType: 'PhysicianRegistration', table: 'physician_registrations' },
    periodicAssessments: { recordType: 'PeriodicAssessment', table: 'periodic_assessments' },
    insuranceStaffScores: { recordType: 'InsuranceStaffScore', table: 'insurance_staff_scores' },
    insuranceFundViolations: { recordType: 'InsuranceFundViolation', table: 'insurance_fund_violations', publicWhen: WHILE_PUBLICITY_LASTS },
    clinicalRecords: { recordType: 'ClinicalRecord', table: 'clinical_records' },
  },
  migrations: [...migrationsIn(path.join(__dirname, 'migrations')), CREATE_RECORD_KEY_V1, recordLifeCycleV2(['practice_licences', 'physician_registrations', 'periodic_assessments', 'insurance_staff_scores', 'insurance_fund_violations', 'clinical_records'])],
  dataset: healthcareDataset,
});
