import type { GraphQLResolveInfo } from 'graphql';
import { selectsTotalCount, type Connection, type PageArgs } from '../pagination';
import type { CreditRecord, RecordList, RecordLoaders, Visibility } from '../records';
import type { SubgraphRequest } from './request';

/**
 * Which records of one subject's `publicWhen` list the caller sees: all of them when its rights cover
 * the list itself for that subject (a grant, consent, application, or the subject acting as itself),
 * otherwise only the public ones. The subject itself and statutory inquiry (a statutory power with a
 * stated purpose) see every record in force, whatever the list's level, PUBLIC included: negative ones
 * still in their notice's waiting period, and those withheld for an objection left unanswered.
 */
export function visibilityFor(info: GraphQLResolveInfo, request: SubgraphRequest, subject: string): Visibility {
  return visibilityOf(request, `${info.parentType.name}.${info.fieldName}`, subject);
}

/** The visibility of the list field `Type.field` for one subject, from anywhere (a credit report's summary counts as each list shows). */
export function visibilityOf(request: SubgraphRequest, field: string, subject: string): Visibility {
  const decision = request.decideField(field, subject);
  const { principal } = request;
  const itself = principal.kind === 'SUBJECT' && principal.subject !== null && principal.subject === request.factsOf(subject).subject;
  const statutory = principal.statutory && request.purpose !== null && principal.purposes.includes(request.purpose);
  if (!decision.allowed || decision.basis === 'per-record') return 'public';
  return itself || statutory || decision.basis === 'self' || decision.basis === 'statutory' ? 'full' : 'all';
}

/**
 * The resolver of a record list's field: a page of its parent's subject as the caller may see the
 * list, `totalCount` counted in the page's statement when the client selected it. Every sector's
 * lists and the registry's listings are served by it.
 */
export function recordListResolver<Parent>(list: RecordList, subjectOf: (parent: Parent) => string) {
  return (parent: Parent, args: PageArgs, context: { readonly records: RecordLoaders; readonly request: SubgraphRequest }, info: GraphQLResolveInfo): Promise<Connection<CreditRecord>> => {
    const subject = subjectOf(parent);
    return context.records.page(list, subject, args, visibilityFor(info, context.request, subject), { count: selectsTotalCount(info) });
  };
}
