import type { GraphQLResolveInfo } from 'graphql';
import type { Visibility } from '../records';
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
