import { buildSchema, parse, print } from 'graphql';
import { filterOperation, nullAt, SupergraphClassification } from '../gateway/authorization';
import { PUBLIC_PRINCIPAL } from '../shared/policy/principal';

/** The operation filter on its own, over a tiny classified schema: what is removed, and what stays. */

const SDL = `
  directive @classify(category: String!, level: String!, publicWhen: String) on OBJECT | INTERFACE | FIELD_DEFINITION
  type Query { subject: Subject @classify(category: "registry.identity", level: "PUBLIC") }
  type Subject @classify(category: "registry.identity", level: "PUBLIC") { name: String secret: Secret! hidden: String @classify(category: "finance.credit", level: "RESTRICTED") }
  type Secret @classify(category: "finance.credit", level: "RESTRICTED") { value: String }
`;
const schema = buildSchema(SDL);
const classification = new SupergraphClassification(SDL);

describe('the operation filter', () => {
  it('leaves an operation it fully allows untouched (the same document, so the same plan)', () => {
    const document = parse('{ subject { name } }');
    expect(filterOperation(schema, classification, PUBLIC_PRINCIPAL, document, null).document).toBe(document);
  });

  it('removes a denied field, and a field left empty by removals, from the operation and its fragments', () => {
    const document = parse('query Q { subject { name ...S secret { value } } } fragment S on Subject { hidden }');
    const result = filterOperation(schema, classification, PUBLIC_PRINCIPAL, document, 'Q');
    expect(print(result.document!)).toBe(print(parse('query Q { subject { name } }')));
    expect(result.removals.map((r) => [r.path.map((s) => s.key).join('.'), r.reported])).toEqual([
      ['subject.hidden', true],
      ['subject.secret.value', true],
      // `secret` itself is public, but nothing of it is left: it answers null, without an error of its own.
      ['subject.secret', false],
    ]);
  });

  it('serves nothing when it cannot tell which operation is meant', () => {
    const document = parse('query A { subject { name } } query B { subject { name } }');
    expect(filterOperation(schema, classification, PUBLIC_PRINCIPAL, document, null)).toEqual({ document: null, removals: [], disclosed: [] });
  });

  it('nulls a removed non-null field by nulling its nearest nullable parent', () => {
    const result = filterOperation(schema, classification, PUBLIC_PRINCIPAL, parse('{ subject { name secret { value } } }'), null);
    let data: Record<string, unknown> | null = { subject: { name: 'x' } };
    for (const removal of result.removals) data = nullAt(data, removal.path);
    expect(data).toEqual({ subject: null });
  });
});

describe('a field selected through an interface', () => {
  const IFACE_SDL = `
    directive @classify(category: String!, level: String!, publicWhen: String) on OBJECT | INTERFACE | FIELD_DEFINITION
    type Query { records: [Record!]! @classify(category: "structure", level: "PUBLIC") }
    interface Record { date: String }
    type Loan implements Record @classify(category: "finance.credit", level: "RESTRICTED") { date: String }
    type Score implements Record @classify(category: "health.insurance", level: "RESTRICTED") { date: String }
  `;
  const ifaceSchema = buildSchema(IFACE_SDL);
  const ifaceClassification = new SupergraphClassification(IFACE_SDL);
  const bank = { ...PUBLIC_PRINCIPAL, kind: 'CREDIT_SERVICE' as const, organization: '91310000132209224R', grants: [{ category: 'finance', level: 'RESTRICTED' as const }] };

  it('needs every implementation allowed, even two at the same level in different categories', () => {
    const result = filterOperation(ifaceSchema, ifaceClassification, bank, parse('{ records { date } }'), null);
    expect(result.removals.filter((r) => r.reported).map((r) => ({ path: r.path.map((s) => s.key), requirement: r.requirement, reason: r.reason }))).toEqual([
      {
        path: ['records', 'date'],
        requirement: { category: 'health.insurance', level: 'RESTRICTED', publicWhen: null },
        reason: 'requires RESTRICTED access to health.insurance; the caller holds no grant for it',
      },
    ]);
  });

  it('passes a caller allowed every implementation, and reports every category it may disclose', () => {
    const both = { ...bank, grants: [...bank.grants, { category: 'health', level: 'RESTRICTED' as const }] };
    const result = filterOperation(ifaceSchema, ifaceClassification, both, parse('{ records { date } }'), null);
    expect(result.removals).toEqual([]);
    expect(result.disclosed.map((r) => r.category).sort()).toEqual(['finance.credit', 'health.insurance', 'structure']);
  });
});
