import type { GraphQLResolveInfo } from 'graphql';
import type { Visibility } from '../records';
import type { SubgraphRequest } from './request';

/**
 * Which records of one subject's `publicWhen` list the caller sees: all of them when its rights cover
 * the list itself for that subject (a grant, consent, application, or the subject acting as itself),
 * otherwise only the public ones; the subject and statutory inquiry also those in their notice's waiting period. It is the decision enforcement took for the field a moment before,
 * read back from the request: per record means the public rows.
 */
export function visibilityFor(info: GraphQLResolveInfo, request: SubgraphRequest, subject: string): Visibility {
  return visibilityOf(request, `${info.parentType.name}.${info.fieldName}`, subject);
}

/** The visibility of the list field `Type.field` for one subject, from anywhere (a credit report's summary counts as each list shows). */
export function visibilityOf(request: SubgraphRequest, field: string, subject: string): Visibility {
  const decision = request.decideField(field, subject);
  if (!decision.allowed || decision.basis === 'per-record') return 'public';
  // The subject itself and statutory inquiry see negative records from their notice, before the waiting period ends.
  return decision.basis === 'self' || decision.basis === 'statutory' ? 'full' : 'all';
}
