import { getArgumentValues, GraphQLObjectType, type GraphQLResolveInfo } from 'graphql';
// The executor's own field collection (graphql 16, pinned): what execution merges, prefetched alike.
import { collectSubfields } from 'graphql/execution/collectFields';
import { selectsTotalCount, type PageArgs } from '../pagination';
import type { RecordList, RecordLoaders } from '../records';
import type { SubgraphRequest } from './request';
import { visibilityOf } from './visibility';
import { summaryParts } from '../report/summary';

/**
 * Where a subject's own row is read before its lists (the registry: `subject(code)` answers null for
 * an unknown code, so its row must be read before its listings are), the lists the operation selects
 * on it are asked for in the same tick as the row: the record loaders then read row, pages and figures
 * in one statement. Each list is asked for exactly as its field's resolver will ask (the same page,
 * visibility and count), so that the resolver finds it in the request's loader; a field this does not
 * foresee is read by its resolver, at the cost of a statement. Nothing read here is served but by
 * those resolvers, and nothing is disclosed: a subject answered null has its rows dropped unread.
 */
export interface PrefetchedFields {
  /** The object type the lists hang on (`Subject`). */
  readonly type: string;
  /** Its record-list fields, by field name. */
  readonly lists: Readonly<Record<string, RecordList>>;
  /** Its summary field (`listingSummary`), counted over `lists` (`shared/report/summary.ts`). */
  readonly summaryField?: string;
}

interface PrefetchContext {
  readonly records: RecordLoaders;
  readonly request: SubgraphRequest;
}

const ignore = (): undefined => undefined;

type Planned = { readonly field: string; readonly list: RecordList; readonly args: PageArgs; readonly count: boolean } | { readonly summary: true };

/**
 * What the selection reads, worked out once per request and selection: `__resolveReference` runs once
 * per representation of a fetch, with one info. Keyed by the selection's nodes (cached with the parsed
 * operation across requests) and then the request's variables.
 */
const plans = new WeakMap<GraphQLResolveInfo['fieldNodes'], WeakMap<GraphQLResolveInfo['variableValues'], readonly Planned[]>>();

/** Asks the record loaders for what `info`'s selection of `prefetched.type` reads of `subjects`' lists (see `PrefetchedFields`). */
export function prefetchRecordFields(info: GraphQLResolveInfo, subjects: readonly string[], context: PrefetchContext, prefetched: PrefetchedFields): void {
  let byVariables = plans.get(info.fieldNodes);
  if (!byVariables) plans.set(info.fieldNodes, (byVariables = new WeakMap()));
  let plan = byVariables.get(info.variableValues);
  if (!plan) byVariables.set(info.variableValues, (plan = planOf(info, prefetched)));
  for (const planned of plan) {
    for (const subject of subjects) {
      if ('summary' in planned) {
        for (const part of summaryParts(context.request, prefetched.type, prefetched.lists, subject)) context.records.figures(part.list, subject, part.visibility).catch(ignore);
      } else {
        const visibility = visibilityOf(context.request, `${prefetched.type}.${planned.field}`, subject);
        context.records.page(planned.list, subject, planned.args, visibility, { count: planned.count }).catch(ignore);
      }
    }
  }
}

function planOf(info: GraphQLResolveInfo, prefetched: PrefetchedFields): readonly Planned[] {
  const type = info.schema.getType(prefetched.type);
  if (!(type instanceof GraphQLObjectType)) return [];
  const fields = type.getFields();
  // The type's field nodes by response key, as the executor itself merges them (fragments, type
  // conditions, `@skip`/`@include`): graphql-js's own collection, not a copy of its rules.
  const byKey = collectSubfields(info.schema, info.fragments, info.variableValues, type, info.fieldNodes);
  const plan: Planned[] = [];
  for (const nodes of byKey.values()) {
    const field = nodes[0]!.name.value;
    const definition = fields[field];
    if (!definition) continue;
    const list = Object.hasOwn(prefetched.lists, field) ? prefetched.lists[field] : undefined;
    if (list) {
      try {
        const args = getArgumentValues(definition, nodes[0]!, info.variableValues) as PageArgs;
        plan.push({ field, list, args, count: selectsTotalCount({ fieldNodes: nodes, fragments: info.fragments, variableValues: info.variableValues }) });
      } catch {
        // Arguments its field will refuse: the field's resolver reports them.
      }
    } else if (field === prefetched.summaryField) {
      plan.push({ summary: true });
    }
  }
  return plan;
}
