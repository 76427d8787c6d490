import type { GraphQLFieldResolver } from 'graphql';
import type { ResolverMap } from './types';
import type { Knex } from 'knex';
import { recordListResolver } from './visibility';
import { DEFAULT_RECORD_SETTINGS, recordLoaderFactory, type LatestValue, type ListAggregates, type RecordList, type RecordLoaders, type RecordSettings } from '../records';
import { lifeCycleSdl } from '../ingest/schema';
import { lifeCycleResolvers } from '../ingest/resolvers';
import { registerImportRoute } from '../ingest/http';
import { classificationsOf } from '../policy/classification';
import type { PageLimits } from '../pagination';
import type { Migration } from '../store';
import type { DatasetPlan } from '../seed';
import { scalarResolvers } from '../scalars';
import { subgraphTypeDefs, type PublicWhenPlacements } from './sdl';
import { buildApolloSubgraph } from './apollo';
import { buildMercuriusSubgraph } from './mercurius';
import type { SubgraphModule } from './types';
import { mergeResolvers } from './merge';
import { recourseResolvers, recourseSdl } from '../recourse';
import { recordRecourseV3 } from '../migrations/v3';
import { recordSubmissionsV4 } from '../migrations/v4';
import { SECTOR_SUMMARY_FIELD, summaryResolvers, summarySdl, type WorstState } from '../report/summary';

export { mergeResolvers } from './merge';
import type { ResolverContext } from './request';

/** What `Subject.<sector>` resolves to: the sector's view of one subject, loaded field by field. */
export interface SectorProfile {
  readonly subjectCode: string;
}

/** A sector's per-request loaders: the record lists' and its own. */
export type SectorLoaders<Loaders extends object = object> = Loaders & {
  readonly records: RecordLoaders;
  /** The store and settings the life cycle's mutations and notices use. */
  readonly lifeCycle: { readonly db: Knex; readonly settings: RecordSettings; readonly limits: PageLimits };
};

/** A sector's resolver context: its loaders, and the request (who is asking, and what it may see). */
export type SectorContext<Loaders extends object = object> = ResolverContext<SectorLoaders<Loaders>>;

type ProfileResolver<Context> = GraphQLFieldResolver<SectorProfile, Context, Record<string, unknown>>;

/**
 * The resolvers every sector shares: the `Subject` entity (a sector needs only the key to serve its
 * profile, so a reference costs no query) and one paged, batched field per record list.
 */
export function sectorProfileResolvers<Context extends SectorContext>(
  sectorField: string,
  profileType: string,
  lists: Readonly<Record<string, RecordList>>,
  extra: Readonly<Record<string, ProfileResolver<Context>>> = {},
) {
  const listResolvers: Record<string, ProfileResolver<Context>> = {};
  for (const [field, list] of Object.entries(lists)) {
    listResolvers[field] = recordListResolver(list, (profile: SectorProfile) => profile.subjectCode);
  }
  return {
    Subject: {
      __resolveReference: (reference: { code: string }) => ({ code: reference.code }),
      [sectorField]: (subject: { code: string }): SectorProfile => ({ subjectCode: subject.code }),
    },
    [profileType]: { ...listResolvers, ...extra },
  };
}

/** The `publicWhen` placements of record lists: each rule on its list field and on its record type. */
export function listPlacements(profileType: string, lists: Readonly<Record<string, RecordList>>): PublicWhenPlacements {
  const placements: Record<string, RecordList['publicWhen']> = {};
  for (const [field, list] of Object.entries(lists)) {
    if (!list.publicWhen) continue;
    placements[`${profileType}.${field}`] = list.publicWhen;
    placements[list.recordType] = list.publicWhen;
  }
  return placements as PublicWhenPlacements;
}

/** Everything a sector is; `defineRecordSector` makes the subgraph of it. */
export interface RecordSectorDefinition<Lists extends Readonly<Record<string, RecordList>>, Loaders extends object> {
  /** The subgraph's name, and the field it adds to `Subject` (`Subject.finance`, of type `FinanceProfile`). */
  readonly name: string;
  /** The folder holding `schema.graphql` (pass `__dirname`). */
  readonly dir: string;
  /** Apollo Server (the default) or Fastify + Mercurius: the same options, the same behaviour. */
  readonly runtime?: 'apollo' | 'mercurius';
  /** The profile's paged record lists: field name to record type, table and public-rows rule. */
  readonly lists: Lists;
  /** `publicWhen` rules on other fields or types than the lists (`'TaxationProfile.latestGrade'`). */
  readonly publicWhen?: PublicWhenPlacements;
  /** The store's migrations, oldest first. */
  readonly migrations: readonly Migration[];
  /** What the demo and load generator puts in the store. */
  readonly dataset: DatasetPlan;
  /** Per-request loaders beyond the record lists' (fresh for every request: no cache crosses requests). */
  readonly loaders?: (db: Knex, limits: PageLimits, settings: RecordSettings) => Loaders;
  /** Resolvers of the profile's fields that are not record lists. */
  readonly profileFields?: Readonly<Record<string, ProfileResolver<SectorContext<Loaders>>>>;
  /** The worst state its credit-report summary shows (`recordSummary.worstState`): a column of one list, values best first. */
  readonly worstState?: WorstState & { readonly list: keyof Lists & string };
  /**
   * A value of one list's newest record that a profile field shows (`ListFigures.latestValue`, read
   * by `records.figures` in the same statement as the pages): taxation's latest grade.
   */
  readonly latestValue?: LatestValue & { readonly list: keyof Lists & string };
  /**
   * Figures of one list beyond the common ones (`ListFigures.aggregates`, read by `records.figures` in
   * the same statement as the pages): finance's credit summary.
   */
  readonly aggregates?: ListAggregates & { readonly list: keyof Lists & string };
  /** Resolvers of other types' computed fields (`{ ComplaintStatistic: { resolutionRate } }`). */
  readonly resolvers?: Readonly<Record<string, Readonly<Record<string, (...args: never[]) => unknown>>>>;
}

export interface RecordSector<Lists extends Readonly<Record<string, RecordList>>> extends SubgraphModule {
  readonly lists: Lists;
}

const tablesOf = (lists: Readonly<Record<string, RecordList>>) => Object.values(lists).map((l) => l.table);

function profileTypeOf(name: string): string {
  return `${name.charAt(0).toUpperCase()}${name.slice(1)}Profile`;
}

// Mercurius copies a scalar's functions onto the schema's own scalar type; Apollo takes the type.
const MERCURIUS_SCALARS = Object.fromEntries(
  Object.entries(scalarResolvers).map(([name, scalar]) => [
    name,
    { serialize: scalar.serialize, parseValue: scalar.parseValue, parseLiteral: scalar.parseLiteral },
  ]),
);

/**
 * A sector subgraph from its declaration: SDL (with its connections, envelopes and public-rows prose),
 * resolvers, per-request context and server, on the runtime it chose. Its `index.ts` runs it.
 */
export function defineRecordSector<const Lists extends Readonly<Record<string, RecordList>>, Loaders extends object = object>(
  definition: RecordSectorDefinition<Lists, Loaders>,
): RecordSector<Lists> {
  const profileType = profileTypeOf(definition.name);
  // Checked here, once: a worst state, latest value or aggregates naming no list of the sector throw at definition.
  const recordLoaders = recordLoaderFactory(definition.lists, { worstState: definition.worstState, latestValue: definition.latestValue, aggregates: definition.aggregates });
  const typeDefs = subgraphTypeDefs(
    definition.dir,
    { ...listPlacements(profileType, definition.lists), ...definition.publicWhen },
    [lifeCycleSdl(definition.name, profileType, definition.lists), recourseSdl(definition.name, profileType, definition.lists), summarySdl(profileType, { field: SECTOR_SUMMARY_FIELD })].join('\n\n'),
  );
  const classified = classificationsOf(typeDefs).fields;
  const categoryOf = (recordType: string) => classified.get(`${recordType}.documentNumber`)?.category ?? 'unclassified';
  const runtime = definition.runtime ?? 'apollo';
  const resolvers = mergeResolvers(
    runtime === 'apollo' ? scalarResolvers : MERCURIUS_SCALARS,
    sectorProfileResolvers<SectorContext<Loaders>>(definition.name, profileType, definition.lists, definition.profileFields),
    lifeCycleResolvers(definition.name, profileType, definition.lists, categoryOf),
    recourseResolvers(definition.name, profileType, definition.lists, categoryOf),
    summaryResolvers(profileType, definition.lists, { field: SECTOR_SUMMARY_FIELD, subjectOf: (profile: SectorProfile) => profile.subjectCode }),
    definition.resolvers ?? {},
  ) as ResolverMap<SectorContext<Loaders>>;
  return {
    name: definition.name,
    lists: definition.lists,
    typeDefs,
    // Every sector's record tables take the recourse columns and tables, after the sector's own migrations, then the authority's index.
    migrations: [...definition.migrations, recordRecourseV3(tablesOf(definition.lists)), recordSubmissionsV4(tablesOf(definition.lists))],
    dataset: definition.dataset,
    buildServer(deps) {
      const settings = deps.records ?? DEFAULT_RECORD_SETTINGS;
      const lifeCycle = { db: deps.store.db, settings, limits: deps.limits };
      const context = (): SectorLoaders<Loaders> => ({
        ...(definition.loaders?.(deps.store.db, deps.limits, settings) ?? ({} as Loaders)),
        records: recordLoaders(deps.store.db, deps.limits, settings),
        lifeCycle,
      });
      const options = { name: definition.name, typeDefs, resolvers, context };
      const server = runtime === 'apollo' ? buildApolloSubgraph(deps, options) : buildMercuriusSubgraph(deps, options);
      return server.then((app) => registerImportRoute(app, { lists: definition.lists, categoryOf, db: deps.store.db, settings }));
    },
  };
}
