import { constructionSector } from '../sector';
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
  ...constructionSector,
  buildServer: (deps) => constructionSector.buildServer({ ...deps, records: { ...DEFAULT_RECORD_SETTINGS, clock: fixedClock(`${DATASET_TODAY}T12:00:00+08:00`), retentionYears: () => 20 } }),
};
const construction = describeSectorRecords(seeded, 'construction', constructionSector.lists);

describe('construction: conduct records', () => {
  it('publishes A and B bad-behaviour records for a term, and keeps C records unpublished', async () => {
    const group = construction.subjects[0]!;
    const op = entities([group.code], 'construction { badBehaviourRecords { nodes { severity decisionDate publicityEndsOn } } }');
    const response = await inject(construction.app, op.query, op.variables);
    const nodes = (response.body.data as { _entities: Array<{ construction: { badBehaviourRecords: { nodes: Array<{ severity: string; decisionDate: string; publicityEndsOn: string | null }> } } }> })._entities[0]!.construction.badBehaviourRecords.nodes;
    expect(nodes.map((n) => n.severity).sort()).toEqual(['B', 'C']);
    for (const node of nodes) {
      if (node.severity === 'C') expect(node.publicityEndsOn).toBeNull();
      else expect(Number(node.publicityEndsOn!.slice(0, 4)) - Number(node.decisionDate.slice(0, 4))).toBe(2);
    }
  });

  it('lists wage arrears and the resulting blacklisting of the demo group', async () => {
    const group = construction.subjects[0]!;
    const rows = construction.rowsOf(group);
    const op = entities([group.code], 'construction { wageArrearsListings { nodes { listedOn settled workersAffected amountOwed } } blacklistings { totalCount } }');
    const response = await inject(construction.app, op.query, op.variables);
    const wage = rows.wage_arrears_listings![0]!;
    expect(response.body).toEqual({
      data: {
        _entities: [
          {
            code: group.code,
            construction: {
              wageArrearsListings: {
                nodes: [{ listedOn: '2024-11-20', settled: false, workersAffected: wage.workers_affected, amountOwed: wage.amount_owed }],
              },
              blacklistings: { totalCount: 1 },
            },
          },
        ],
      },
    });
  });
});
