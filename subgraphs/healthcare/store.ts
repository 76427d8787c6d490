import { UNTIL_PUBLICITY_ENDS, type RecordList } from '../../shared/records';

export const HEALTHCARE_LISTS = {
  practiceLicences: { recordType: 'PracticeLicence', table: 'practice_licences' },
  physicianRegistrations: { recordType: 'PhysicianRegistration', table: 'physician_registrations' },
  periodicAssessments: { recordType: 'PeriodicAssessment', table: 'periodic_assessments' },
  insuranceStaffScores: { recordType: 'InsuranceStaffScore', table: 'insurance_staff_scores' },
  insuranceFundViolations: { recordType: 'InsuranceFundViolation', table: 'insurance_fund_violations', publicRows: UNTIL_PUBLICITY_ENDS },
  clinicalRecords: { recordType: 'ClinicalRecord', table: 'clinical_records' },
} as const satisfies Record<string, RecordList>;
