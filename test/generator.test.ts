import { subjectAt, DEMO_STORIES } from '../shared/generator/subjects';
import { checkSubjectCode } from '../shared/identifiers';
import { SUBGRAPH_MODULES } from '../subgraphs';
import { taxationDataset } from '../subgraphs/taxation/dataset';
import { constructionDataset } from '../subgraphs/construction/dataset';

const SEED = 2014;
const N = 4_000;
const population = Array.from({ length: N }, (_, i) => subjectAt(SEED, i));

describe('the dataset generator', () => {
  it('gives every subject a valid, unique code of the right kind', () => {
    const codes = new Set<string>();
    for (const s of population) {
      const check = checkSubjectCode(s.code);
      expect(check).toMatchObject({ ok: true, kind: s.kind === 'NATURAL_PERSON' ? 'RESIDENT_ID' : 'USCC' });
      codes.add(s.code);
    }
    expect(codes.size).toBe(N);
  });

  it('gives every authority that decided a record a valid USCC', () => {
    for (const s of population.slice(0, 300)) {
      for (const module of Object.values(SUBGRAPH_MODULES)) {
        for (const rows of Object.values(module.dataset.rowsFor(s, SEED))) {
          for (const row of rows) {
            if (row.authority_code !== undefined) expect(checkSubjectCode(String(row.authority_code)).ok).toBe(true);
          }
        }
      }
    }
  });

  it('is deterministic: the same seed gives the same subjects and records, another seed does not', () => {
    expect(subjectAt(SEED, 123)).toEqual(subjectAt(SEED, 123));
    expect(taxationDataset.rowsFor(subjectAt(SEED, 7), SEED)).toEqual(taxationDataset.rowsFor(subjectAt(SEED, 7), SEED));
    expect(subjectAt(SEED + 1, 123).name).not.toEqual(subjectAt(SEED, 123).name);
  });

  it('keeps most subjects clean and a minority risky', () => {
    const share = (risk: string) => population.filter((s) => s.risk === risk).length / N;
    expect(share('CLEAN')).toBeGreaterThan(0.75);
    expect(share('HIGH')).toBeGreaterThan(0.02);
    expect(share('HIGH')).toBeLessThan(0.1);
  });

  it('correlates sectors: construction firms with wage arrears owe taxes far more often than others', () => {
    const firms = Array.from({ length: 20_000 }, (_, i) => subjectAt(SEED, i)).filter((s) => s.industry === 'CONSTRUCTION');
    const owesTax = (s: (typeof firms)[number]) => taxationDataset.rowsFor(s, SEED).tax_arrears_notices!.length > 0;
    const withArrears = firms.filter((s) => constructionDataset.rowsFor(s, SEED).wage_arrears_listings!.length > 0);
    const without = firms.filter((s) => constructionDataset.rowsFor(s, SEED).wage_arrears_listings!.length === 0);
    const rate = (group: typeof firms) => group.filter(owesTax).length / group.length;
    expect(withArrears.length).toBeGreaterThan(30);
    expect(rate(withArrears)).toBeGreaterThan(0.3);
    expect(rate(without)).toBeLessThan(0.05);
  });

  it('never lets a natural person into the organization-only records', () => {
    for (const s of population.filter((p) => p.kind === 'NATURAL_PERSON').slice(0, 200)) {
      expect(taxationDataset.rowsFor(s, SEED).tax_registrations).toEqual([]);
      expect(SUBGRAPH_MODULES.registry.dataset.rowsFor(s, SEED).abnormal_operation_listings).toEqual([]);
    }
  });

  it('tells the demo stories it promises in the README', () => {
    const [group, builder, hospital, physician, seller] = DEMO_STORIES.map(({ index }) => subjectAt(SEED, index));
    const rows = (name: keyof typeof SUBGRAPH_MODULES, s: typeof group) => SUBGRAPH_MODULES[name].dataset.rowsFor(s!, SEED);
    for (const sector of ['finance', 'taxation', 'construction', 'ecommerce', 'healthcare'] as const) {
      expect(Object.values(rows(sector, group)).some((r) => r.length > 0)).toBe(true);
    }
    expect(rows('taxation', builder).tax_credit_ratings!.every((r) => r.grade === 'A')).toBe(true);
    expect(rows('healthcare', hospital).insurance_fund_violations).toHaveLength(1);
    expect(physician!.kind).toBe('NATURAL_PERSON');
    expect(rows('healthcare', physician).insurance_staff_scores).toHaveLength(1);
    expect(seller!.kind).toBe('INDIVIDUAL_BUSINESS');
    expect(rows('ecommerce', seller).counterfeit_penalties).toHaveLength(1);
  });
});
