import path from 'node:path';
import DataLoader from 'dataloader';
import { defineRecordSector } from '../../shared/subgraph/sector';
import { publicRows, allOf, WHILE_PUBLICITY_LASTS } from '../../shared/records';
import { CREATE_RECORD_KEY_V1 } from '../../shared/migrations/v1';
import { recordLifeCycleV2 } from '../../shared/migrations/v2';
import { migrationsIn } from '../../shared/migrations/folder';
import { financeDataset } from './dataset';
import { creditSummaries } from './summaries';

/** Finance: credit accounts and guarantees reported by banks, court records, and (special) assets. */
export const financeSector = defineRecordSector({
  name: 'finance',
  dir: __dirname,
  lists: {
    creditAccounts: { recordType: 'CreditAccount', table: 'credit_accounts' },
    guarantees: { recordType: 'Guarantee', table: 'guarantees' },
    dishonestDebtorListings: {
      recordType: 'DishonestDebtorListing',
      table: 'dishonest_debtor_listings',
      // Listed debtors are public until the obligation is performed, while the listing's publicity lasts.
      publicWhen: allOf(publicRows('the obligation is not yet performed', "performance <> 'PERFORMED'"), WHILE_PUBLICITY_LASTS),
    },
    courtJudgments: { recordType: 'CourtJudgment', table: 'court_judgments' },
    assets: { recordType: 'AssetRecord', table: 'asset_records' },
  },
  loaders: (db) => ({ summaries: new DataLoader((codes: readonly string[]) => creditSummaries(db, codes)) }),
  profileFields: {
    summary: (profile, _args, context) => context.summaries.load(profile.subjectCode),
  },
  migrations: [...migrationsIn(path.join(__dirname, 'migrations')), CREATE_RECORD_KEY_V1, recordLifeCycleV2(['credit_accounts', 'guarantees', 'dishonest_debtor_listings', 'court_judgments', 'asset_records'])],
  dataset: financeDataset,
});
