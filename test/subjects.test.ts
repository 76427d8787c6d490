import { parse } from 'graphql';
import { subjectOfField, subjectsOfFetch, subjectsOfQuery } from '../shared/policy/subjects';

const ORG = '91310000MA1K4CFR0T';
const PERSON = '11010519491231002X';
const LOWER_PERSON = '11010519491231002x';

describe('the subjects a fetch concerns', () => {
  it('are the codes of its entity representations, in their normal form and once each', () => {
    const document = parse('query($representations: [_Any!]!) { _entities(representations: $representations) { ... on Subject { code } } }');
    const representations = [
      { __typename: 'Subject', code: ORG },
      { __typename: 'Subject', code: LOWER_PERSON },
      { __typename: 'Subject', code: ORG },
    ];
    expect(subjectsOfFetch(document, { representations })).toEqual([ORG, PERSON]);
  });

  it('are the codes its root arguments name, as literals or variables, in lists and in input objects', () => {
    const document = parse(`query($c: ID!, $many: [ID!]!, $f: InquiryRecordFilter) {
      subject(code: $c) { code }
      subjects(codes: $many) { code }
      other: subject(code: "${PERSON}") { code }
      inquiryRecords(filter: $f) { totalCount }
    }`);
    const variables = { c: ORG, many: ['91110000100000000R', 'not a code'], f: { subject: '91440300MA5DC6QN2F' } };
    expect(subjectsOfFetch(document, variables)).toEqual([ORG, '91110000100000000R', PERSON, '91440300MA5DC6QN2F']);
  });

  it('are none when nothing names a subject, whatever code-shaped strings its other variables carry', () => {
    const document = parse('query($q: String!) { searchOrganizations(query: $q) { code } }');
    expect(subjectsOfFetch(document, { q: ORG })).toEqual([]);
  });

  it('ignore malformed and overlong codes', () => {
    const document = parse('query($c: ID!) { subject(code: $c) { code } }');
    expect(subjectsOfFetch(document, { c: 'x'.repeat(10_000) })).toEqual([]);
    expect(subjectsOfFetch(document, { c: '91310000MA1K4CFR0X' })).toEqual([]);
  });
});

describe('the subjects of a fetch given as its query text', () => {
  it('are those of its parsed document, the same text asked again included', () => {
    const query = 'query($c: ID!) { subject(code: $c) { code } }';
    expect(subjectsOfQuery(query, { c: ORG })).toEqual([ORG]);
    expect(subjectsOfQuery(query, { c: PERSON })).toEqual([PERSON]);
  });

  it('are none for a query that does not parse', () => {
    expect(subjectsOfQuery(`{ subject(code: "${ORG}") {`, {})).toEqual([]);
  });
});

describe('the subject one field belongs to', () => {
  it('is its parent record or profile subject, or a Subject its own code', () => {
    expect(subjectOfField({ subjectCode: LOWER_PERSON }, {}, 'TaxPenalty')).toBe(PERSON);
    expect(subjectOfField({ code: ORG }, {}, 'Subject')).toBe(ORG);
    expect(subjectOfField({ code: ORG }, {}, 'Authority')).toBeNull();
  });

  it('is, for a root field, its subject argument or the subject of its input or filter', () => {
    expect(subjectOfField(undefined, { subject: ORG }, 'Mutation')).toBe(ORG);
    expect(subjectOfField(undefined, { input: { subject: ORG } }, 'Mutation')).toBe(ORG);
    expect(subjectOfField(undefined, { filter: { subject: ORG } }, 'Query')).toBe(ORG);
    expect(subjectOfField(undefined, {}, 'Query')).toBeNull();
  });

  it('keeps a malformed code as it came, for the resolver to refuse', () => {
    expect(subjectOfField(undefined, { subject: 'nonsense' }, 'Mutation')).toBe('nonsense');
  });
});
