import { Kind, parse, type FragmentDefinitionNode, type OperationDefinitionNode, type FieldNode } from 'graphql';
import { selectsTotalCount } from '../shared/pagination';

/** The resolve info of the first field of the query's first root field (`subject { <list> }`), as graphql-js gives it. */
function infoOf(document: string, variableValues: Record<string, unknown> = {}) {
  const ast = parse(document);
  const operation = ast.definitions.find((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION)!;
  const fragments = Object.fromEntries(
    ast.definitions.filter((d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION).map((d) => [d.name.value, d]),
  );
  const root = operation.selectionSet.selections[0] as FieldNode;
  const fieldNodes = root.selectionSet!.selections.filter((s): s is FieldNode => s.kind === Kind.FIELD);
  return { fieldNodes, fragments, variableValues };
}

describe('whether a list field selects totalCount (counted with the page when it does)', () => {
  it.each([
    ['selected directly', 'query { s { list { totalCount nodes { id } } } }', {}, true],
    ['selected under an alias', 'query { s { list { n: totalCount } } }', {}, true],
    ['in a fragment', 'query { s { list { ...F } } } fragment F on C { nodes { id } totalCount }', {}, true],
    ['in an inline fragment', 'query { s { list { ... on C { totalCount } } } }', {}, true],
    ['not selected', 'query { s { list { nodes { id } pageInfo { hasNextPage } } } }', {}, false],
    ['only in a node (another connection)', 'query { s { list { nodes { inner { totalCount } } } } }', {}, false],
    ['skipped by a variable', 'query($no: Boolean!) { s { list { totalCount @skip(if: $no) } } }', { no: true }, false],
    ['kept by a variable', 'query($no: Boolean!) { s { list { totalCount @skip(if: $no) } } }', { no: false }, true],
    ['in a fragment not included', 'query { s { list { ...F @include(if: false) } } } fragment F on C { totalCount }', {}, false],
    ['in a second selection of the same field', 'query { s { list { nodes { id } } list { totalCount } } }', {}, true],
  ])('%s', (_name, document, variables, expected) => {
    expect(selectsTotalCount(infoOf(document, variables))).toBe(expected);
  });
});
