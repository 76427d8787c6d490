import { financeSector } from '../sector';
import { describeSectorRecords } from '../../../test/support/sectorSuite';
import { inject, entities } from '../../../test/support/graphql';
import { DEFAULT_RECORD_SETTINGS } from '../../../shared/records';
import { fixedClock } from '../../../shared/clock';
import { DATASET_TODAY } from '../../../shared/generator/random';
import type { SubgraphModule } from '../../../shared/subgraph/types';

/**
 * The seeded records on the dataset's day, with a retention long enough to keep every one of them:
 * these tests compare each list with everything the generator wrote (some of the demo's negative
 * records are older than five years). Retention itself is tested in test/lifecycle/retention.ts.
 */
const seeded: SubgraphModule = {
  ...financeSector,
  buildServer: (deps) => financeSector.buildServer({ ...deps, records: { ...DEFAULT_RECORD_SETTINGS, clock: fixedClock(`${DATASET_TODAY}T12:00:00+08:00`), retentionYears: () => 20 } }),
};
const finance = describeSectorRecords(seeded, 'finance', financeSector.lists);

describe('finance: credit summary', () => {
  it('aggregates the accounts banks reported for the subject', async () => {
    const group = finance.subjects[0]!;
    const accounts = finance.rowsOf(group).credit_accounts!;
    const open = accounts.filter((a) => a.status === 'OPEN');
    const order = ['NORMAL', 'SPECIAL_MENTION', 'SUBSTANDARD', 'DOUBTFUL', 'LOSS'];
    const op = entities([group.code], 'finance { summary { accountCount openAccountCount totalBalance overdueAccountCount worstClassification } }');
    const response = await inject(finance.app, op.query, op.variables);
    expect(response.body).toEqual({
      data: {
        _entities: [
          {
            code: group.code,
            finance: {
              summary: {
                accountCount: accounts.length,
                openAccountCount: open.length,
                totalBalance: open.reduce((sum, a) => sum + Number(a.balance), 0).toFixed(2),
                overdueAccountCount: accounts.filter((a) => a.overdue_bucket !== 'CURRENT' && a.status !== 'CLOSED').length,
                worstClassification: order[Math.max(...accounts.map((a) => order.indexOf(String(a.classification))))],
              },
            },
          },
        ],
      },
    });
  });

  it('summarises a subject without accounts as zeros with no classification', async () => {
    const clean = finance.subjects.find((s) => finance.rowsOf(s).credit_accounts!.length === 0)!;
    const op = entities([clean.code], 'finance { summary { accountCount totalBalance worstClassification } }');
    const response = await inject(finance.app, op.query, op.variables);
    expect(response.body).toEqual({
      data: { _entities: [{ code: clean.code, finance: { summary: { accountCount: 0, totalBalance: '0.00', worstClassification: null } } }] },
    });
  });

  it('shows each account with its classification and 24-month repayment grid', async () => {
    const group = finance.subjects[0]!;
    const op = entities([group.code], 'finance { creditAccounts { nodes { classification overdueBucket repaymentGrid accountType status } } }');
    const response = await inject(finance.app, op.query, op.variables);
    const nodes = (response.body.data as { _entities: Array<{ finance: { creditAccounts: { nodes: Array<{ repaymentGrid: string }> } } }> })._entities[0]!.finance.creditAccounts.nodes;
    expect(nodes.length).toBe(finance.rowsOf(group).credit_accounts!.length);
    for (const node of nodes) expect(node.repaymentGrid).toMatch(/^[N1-7DZCG#]{24}$/);
  });
});
