import { taxationSector } from '../sector';
import { describeSectorRecords } from '../../../test/support/sectorSuite';
import { inject, entities } from '../../../test/support/graphql';

const taxation = describeSectorRecords(taxationSector, 'taxation', taxationSector.lists);

describe('taxation: credit grades', () => {
  it('gives the grade of the latest evaluation year, and null for natural persons', async () => {
    const [group, clean, , physician] = taxation.subjects;
    const op = entities([group!.code, clean!.code, physician!.code], 'taxation { latestGrade creditRatings(first: 1) { nodes { year grade } } }');
    const response = await inject(taxation.app, op.query, op.variables);
    expect(response.body).toEqual({
      data: {
        _entities: [
          { code: group!.code, taxation: { latestGrade: 'D', creditRatings: { nodes: [{ year: 2025, grade: 'D' }] } } },
          { code: clean!.code, taxation: { latestGrade: 'A', creditRatings: { nodes: [{ year: 2025, grade: 'A' }] } } },
          { code: physician!.code, taxation: { latestGrade: null, creditRatings: { nodes: [] } } },
        ],
      },
    });
  });

  it('announces a major violation with its responsible persons and three years of publicity', async () => {
    const group = taxation.subjects[0]!;
    const violation = taxation.rowsOf(group).major_tax_violations![0]!;
    const op = entities([group.code], 'taxation { majorViolations { nodes { caseNature decisionDate publicityEndsOn responsiblePersons { name role } } } }');
    const response = await inject(taxation.app, op.query, op.variables);
    expect(response.body).toEqual({
      data: {
        _entities: [
          {
            code: group.code,
            taxation: {
              majorViolations: {
                nodes: [
                  {
                    caseNature: violation.case_nature,
                    decisionDate: '2024-09-12',
                    publicityEndsOn: '2027-09-12',
                    responsiblePersons: JSON.parse(String(violation.responsible_persons)),
                  },
                ],
              },
            },
          },
        ],
      },
    });
  });
});
