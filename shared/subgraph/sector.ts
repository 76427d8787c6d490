import type { GraphQLFieldResolver } from 'graphql';
import type { SubgraphRequest } from './request';
import { visibilityFor } from './visibility';
import type { RecordList, RecordLoaders } from '../records';
import type { PageArgs } from '../pagination';

/** What `Subject.<sector>` resolves to: the sector's view of one subject, loaded field by field. */
export interface SectorProfile {
  readonly subjectCode: string;
}

type ProfileResolver<Context> = GraphQLFieldResolver<SectorProfile, Context, Record<string, unknown>>;

/**
 * The resolvers every sector shares: the `Subject` entity (a sector needs only the key to serve its
 * profile, so a reference costs no query) and one paged, batched field per record list.
 */
export function sectorProfileResolvers<Context extends { readonly records: RecordLoaders; readonly request: SubgraphRequest }>(
  sectorField: string,
  profileType: string,
  lists: Readonly<Record<string, RecordList>>,
  extra: Readonly<Record<string, ProfileResolver<Context>>> = {},
) {
  const listResolvers: Record<string, ProfileResolver<Context>> = {};
  for (const [field, list] of Object.entries(lists)) {
    listResolvers[field] = (profile, args, context, info) =>
      context.records.page(list, profile.subjectCode, args as PageArgs, visibilityFor(info, context.request, profile.subjectCode));
  }
  return {
    Subject: {
      __resolveReference: (reference: { code: string }) => ({ code: reference.code }),
      [sectorField]: (subject: { code: string }): SectorProfile => ({ subjectCode: subject.code }),
    },
    [profileType]: { ...listResolvers, ...extra },
  };
}
