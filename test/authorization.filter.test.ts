import { buildSchema, parse, print, type DocumentNode, type GraphQLSchema } from 'graphql';
import { filterOperation, nullAt, prepareOperation, SupergraphClassification } from '../gateway/authorization';
import type { Principal } from '../shared/policy/principal';
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

/** Prepares the operation as the gateway does (selection, coerced variables), then filters it. */
function filter(
  on: GraphQLSchema,
  by: SupergraphClassification,
  principal: Principal,
  document: DocumentNode,
  operationName: string | null,
  variables: Record<string, unknown> = {},
) {
  const prepared = prepareOperation(on, document, operationName, variables);
  if (prepared.error) throw prepared.error;
  return filterOperation(on, by, principal, document, prepared.operation, prepared.variables);
}

describe('the operation filter', () => {
  it('leaves an operation it fully allows untouched (the same document, so the same plan)', () => {
    const document = parse('{ subject { name } }');
    expect(filter(schema, classification, PUBLIC_PRINCIPAL, document, null).document).toBe(document);
  });

  it('removes a denied field, and a field left empty by removals, from the operation and its fragments', () => {
    const document = parse('query Q { subject { name ...S secret { value } } } fragment S on Subject { hidden }');
    const result = filter(schema, classification, PUBLIC_PRINCIPAL, document, 'Q');
    expect(print(result.document!)).toBe(print(parse('query Q { subject { name } }')));
    expect(result.removals.map((r) => [r.path.map((s) => s.key).join('.'), r.reported])).toEqual([
      ['subject.hidden', true],
      ['subject.secret.value', true],
      // `secret` itself is public, but nothing of it is left: it answers null, without an error of its own.
      ['subject.secret', false],
    ]);
  });

  it('refuses, before deciding anything, a document whose operation cannot be told', () => {
    const document = parse('query A { subject { name } } query B { subject { name } }');
    const prepared = prepareOperation(schema, document, null, {});
    expect(prepared.error?.message).toBe('The document has several operations: name the one to run in `operationName`');
    expect(prepared.error?.extensions).toEqual({ code: 'OPERATION_RESOLUTION_FAILURE', http: { status: 400 } });
  });

  it('refuses an operation name the document does not contain, echoing only a short prefix of it', () => {
    const prepared = prepareOperation(schema, parse('query A { subject { name } }'), 'B'.repeat(500), {});
    expect(prepared.error?.message).toBe(`The document has no operation named "${'B'.repeat(24)}…"`);
    expect(prepared.error?.extensions?.code).toBe('OPERATION_RESOLUTION_FAILURE');
  });

  it('decides @include by the declared default of a variable the request leaves out', () => {
    const document = parse('query ($i: Boolean = true) { subject { name hidden @include(if: $i) } }');
    const result = filter(schema, classification, PUBLIC_PRINCIPAL, document, null, {});
    expect(result.removals.map((r) => r.path.map((s) => s.key).join('.'))).toEqual(['subject.hidden']);
  });

  it('decides @skip by the coerced value, not the raw one', () => {
    const document = parse('query ($s: Boolean = false) { subject { name hidden @skip(if: $s) } }');
    expect(filter(schema, classification, PUBLIC_PRINCIPAL, document, null, {}).removals.map((r) => r.path.map((s) => s.key).join('.'))).toEqual([
      'subject.hidden',
    ]);
    // Explicitly skipped: nothing of it is asked for, nothing is reported.
    expect(filter(schema, classification, PUBLIC_PRINCIPAL, document, null, { s: true }).removals).toEqual([]);
  });

  it('refuses variables that do not coerce, echoing only a short prefix of their value', () => {
    const prepared = prepareOperation(schema, parse('query ($i: Boolean!) { subject { name @include(if: $i) } }'), null, { i: 'x'.repeat(300) });
    expect(prepared.error?.extensions).toEqual({ code: 'BAD_USER_INPUT', http: { status: 400 } });
    const x = `"${'x'.repeat(24)}…"`;
    expect(prepared.error?.message).toBe(`Variable "$i" got invalid value ${x}; Boolean cannot represent a non boolean value: ${x}`);
    expect(prepareOperation(schema, parse('query ($i: Boolean!) { subject { name @include(if: $i) } }'), null, {}).error?.extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('refuses a condition variable sent as null, which @skip/@include cannot take, in the operation or a fragment it uses', () => {
    const direct = prepareOperation(schema, parse('query ($i: Boolean = true) { subject { name @include(if: $i) } }'), null, { i: null });
    expect(direct.error?.message).toBe('Variable "$i" is null, but @include(if:) takes a Boolean');
    expect(direct.error?.extensions).toEqual({ code: 'BAD_USER_INPUT', http: { status: 400 } });
    const inFragment = prepareOperation(schema, parse('query ($s: Boolean = false) { subject { ...F } } fragment F on Subject { name @skip(if: $s) }'), null, { s: null });
    expect(inFragment.error?.message).toBe('Variable "$s" is null, but @skip(if:) takes a Boolean');
    // Another operation's conditions are not this one's business.
    const other = prepareOperation(schema, parse('query A { subject { name } } query B($i: Boolean = true) { subject { name @include(if: $i) } }'), 'A', {});
    expect(other.error).toBeUndefined();
  });

  it("decides the same parsed operation on each request's own values: true, then null, then false", () => {
    // Apollo Server hands every request of one text the same document; what is kept of it is the conditions, never a verdict.
    const document = parse('query ($s: Boolean = false) { subject { ...F } } fragment F on Subject { name @skip(if: $s) }');
    expect(prepareOperation(schema, document, null, { s: true }).error).toBeUndefined();
    expect(prepareOperation(schema, document, null, { s: null }).error?.message).toBe('Variable "$s" is null, but @skip(if:) takes a Boolean');
    expect(prepareOperation(schema, document, null, { s: false }).error).toBeUndefined();
    expect(prepareOperation(schema, document, null, {}).error).toBeUndefined();
  });

  it('nulls a removed non-null field by nulling its nearest nullable parent', () => {
    const result = filter(schema, classification, PUBLIC_PRINCIPAL, parse('{ subject { name secret { value } } }'), null);
    let data: Record<string, unknown> | null = { subject: { name: 'x' } };
    for (const removal of result.removals) data = nullAt(data, removal.path);
    expect(data).toEqual({ subject: null });
  });
});

describe('a field selected through an interface', () => {
  const IFACE_SDL = `
    directive @classify(category: String!, level: String!, publicWhen: String) on OBJECT | INTERFACE | FIELD_DEFINITION
    type Query {
      records: [Record!]! @classify(category: "structure", level: "PUBLIC")
      loans: [Loan!]! @classify(category: "structure", level: "PUBLIC")
      orphans: [Orphan!]! @classify(category: "structure", level: "PUBLIC")
    }
    interface Record { date: String }
    interface Orphan { date: String }
    type Loan implements Record @classify(category: "finance.credit", level: "RESTRICTED") { date: String }
    type Score implements Record @classify(category: "health.insurance", level: "RESTRICTED") { date: String }
  `;
  const ifaceSchema = buildSchema(IFACE_SDL);
  const ifaceClassification = new SupergraphClassification(IFACE_SDL);
  const bank = { ...PUBLIC_PRINCIPAL, kind: 'CREDIT_SERVICE' as const, organization: '91310000132209224R', grants: [{ category: 'finance', level: 'RESTRICTED' as const }] };

  it('needs every implementation allowed, even two at the same level in different categories', () => {
    const result = filter(ifaceSchema, ifaceClassification, bank, parse('{ records { date } }'), null);
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
    const result = filter(ifaceSchema, ifaceClassification, both, parse('{ records { date } }'), null);
    expect(result.removals).toEqual([]);
    expect(result.disclosed.map((r) => r.category).sort()).toEqual(['finance.credit', 'health.insurance', 'structure']);
  });

  it('requires only the concrete type where a fragment on the interface sits inside a concrete selection', () => {
    const result = filter(ifaceSchema, ifaceClassification, bank, parse('{ loans { ... on Record { date } } }'), null);
    expect(result.removals).toEqual([]);
    expect(result.disclosed.map((r) => r.category).sort()).toEqual(['finance.credit', 'structure']);
  });

  it('requires only the types a typed fragment narrows an interface list to', () => {
    const result = filter(ifaceSchema, ifaceClassification, bank, parse('{ records { ... on Loan { date } } }'), null);
    expect(result.removals).toEqual([]);
    const fragment = filter(ifaceSchema, ifaceClassification, bank, parse('{ records { ...L } } fragment L on Score { date }'), null);
    expect(fragment.removals.filter((r) => r.reported).map((r) => [r.path.map((s) => s.key).join('.'), r.requirement.category])).toEqual([
      ['records.date', 'health.insurance'],
    ]);
  });

  it('denies a field of an interface that no type implements', () => {
    const result = filter(ifaceSchema, ifaceClassification, { ...bank, grants: [{ category: '*', level: 'SPECIAL' as const }] }, parse('{ orphans { date } }'), null);
    expect(result.removals.filter((r) => r.reported).map((r) => [r.path.map((s) => s.key).join('.'), r.requirement.category])).toEqual([
      ['orphans.date', 'unclassified'],
    ]);
  });
});
