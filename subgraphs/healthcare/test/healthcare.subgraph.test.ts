import { healthcareSector } from '../sector';
import { describeSectorRecords } from '../../../test/support/sectorSuite';
import { inject, entities } from '../../../test/support/graphql';

const healthcare = describeSectorRecords(healthcareSector, 'healthcare', healthcareSector.lists);

describe('healthcare: medical-insurance conduct', () => {
  it('fines a fund violation at 2 to 5 times the amount recovered', async () => {
    const hospital = healthcare.subjects[2]!;
    const op = entities([hospital.code], 'healthcare { insuranceFundViolations { nodes { recoveredAmount fineMultiple fineAmount } } }');
    const response = await inject(healthcare.app, op.query, op.variables);
    const nodes = (response.body.data as { _entities: Array<{ healthcare: { insuranceFundViolations: { nodes: Array<{ recoveredAmount: string; fineMultiple: string; fineAmount: string }> } } }> })._entities[0]!.healthcare.insuranceFundViolations.nodes;
    expect(nodes).toHaveLength(1);
    const [violation] = nodes;
    expect(Number(violation!.fineMultiple)).toBeGreaterThanOrEqual(2);
    expect(Number(violation!.fineMultiple)).toBeLessThanOrEqual(5);
    expect(Number(violation!.fineAmount)).toBeCloseTo(Number(violation!.recoveredAmount) * Number(violation!.fineMultiple), 2);
  });

  it("suspends a physician's payment qualification at 9 points deducted", async () => {
    const physician = healthcare.subjects[3]!;
    const op = entities([physician.code], 'healthcare { insuranceStaffScores { nodes { year pointsDeducted paymentQualification } } practiceLicences { totalCount } }');
    const response = await inject(healthcare.app, op.query, op.variables);
    expect(response.body).toEqual({
      data: {
        _entities: [
          {
            code: physician.code,
            healthcare: {
              insuranceStaffScores: { nodes: [{ year: 2025, pointsDeducted: 9, paymentQualification: 'SUSPENDED' }] },
              practiceLicences: { totalCount: 0 },
            },
          },
        ],
      },
    });
  });
});
