import { Random, addDays, addYears, DATASET_TODAY } from '../../shared/generator/random';
import { bankBranch, BANKS } from '../../shared/generator/authorities';
import type { Row, TableRows } from '../../shared/generator/envelope';
import type { SubjectProfile } from '../../shared/generator/subjects';
import type { DatasetPlan } from '../../shared/seed';

/**
 * Authorizations subjects gave banks for loan approval and post-loan management, as a credit
 * reference centre would hold them. The demo group (subject 0) authorized the demo bank of the
 * README, so its credit records can be queried with that bank's token. No special application and
 * no inquiry record is invented: those come from using the graph.
 */

/** The demo bank of the README's principals. */
export const DEMO_BANK = '91310000132209224R';

const pgArray = (items: readonly string[]) => `{${items.join(',')}}`;

function consent(subject: string, organization: string, purpose: string, categories: readonly string[], from: string, until: string): Row {
  return {
    subject_code: subject,
    organization,
    purpose,
    categories: pgArray(categories),
    valid_from: `${from}T00:00:00Z`,
    valid_until: `${until}T00:00:00Z`,
    granted_at: `${from}T09:00:00Z`,
    revoked_at: null,
  };
}

export const accessDataset: DatasetPlan = {
  tables: ['consents'],
  rowsFor(subject: SubjectProfile, seed: number): TableRows {
    if (subject.index === 0) {
      return {
        consents: [
          consent(subject.code, DEMO_BANK, 'LOAN_APPROVAL', ['finance.credit'], addDays(DATASET_TODAY, -30), addYears(DATASET_TODAY, 3)),
        ],
      };
    }
    const r = new Random(seed, subject.index, 'access');
    const consents: Row[] = [];
    const count = r.weighted([[0, 70], [1, 25], [2, 5]] as const);
    for (let i = 0; i < count; i += 1) {
      const bank = bankBranch(r.pick(BANKS), subject.division);
      const from = r.date(addYears(DATASET_TODAY, -3), DATASET_TODAY);
      const purpose = r.pick(['LOAN_APPROVAL', 'POST_LOAN_MANAGEMENT', 'CREDIT_CARD_APPROVAL', 'GUARANTEE_REVIEW']);
      consents.push(consent(subject.code, bank.code, purpose, ['finance.credit'], from, addYears(from, r.int(1, 5))));
    }
    return { consents };
  },
};
