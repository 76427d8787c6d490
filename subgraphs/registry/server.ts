import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { buildApolloSubgraph } from '../../shared/subgraph/apollo';
import { subgraphTypeDefs } from '../../shared/subgraph/sdl';
import { listPlacements } from '../../shared/subgraph/sector';
import { REGISTRY_LISTS } from './store';
import type { SubgraphDeps, SubgraphModule } from '../../shared/subgraph/types';
import { REGISTRY_NOTICES, REGISTRY_RECOURSE, REGISTRY_SUMMARY, registryResolversWith } from './resolvers';
import { summarySdl } from '../../shared/report/summary';
import { recourseSdl } from '../../shared/recourse';
import { recordRecourseV3 } from '../../shared/migrations/v3';
import { recordSubmissionsV4 } from '../../shared/migrations/v4';
import { lifeCycleSdl } from '../../shared/ingest/schema';
import { registerImportRoute } from '../../shared/ingest/http';
import { classificationsOf } from '../../shared/policy/classification';
import { DEFAULT_RECORD_SETTINGS } from '../../shared/records';
import { createRegistryContext } from './context';
import { migrationsIn } from '../../shared/migrations/folder';
import { CREATE_RECORD_KEY_V1 } from '../../shared/migrations/v1';
import { recordLifeCycleV2 } from '../../shared/migrations/v2';
import { registryDataset } from './dataset';

/**
 * The registry's SDL: its listings' public-rows rules and ingestion rules are declared with the lists
 * (`store.ts`); from the latter come the submit and withdraw mutations and `Subject.listingNotices`.
 */
const typeDefs = subgraphTypeDefs(
  __dirname,
  listPlacements('Subject', REGISTRY_LISTS),
  [lifeCycleSdl('registry', 'Subject', REGISTRY_LISTS, REGISTRY_NOTICES), recourseSdl('registry', 'Subject', REGISTRY_LISTS, REGISTRY_RECOURSE), summarySdl('Subject', REGISTRY_SUMMARY)].join('\n\n'),
);
const classified = classificationsOf(typeDefs).fields;
/** A listing's category, as its `@classify` says: what a source authority's `submits` must cover. */
const categoryOf = (recordType: string) => classified.get(`${recordType}.documentNumber`)?.category ?? 'unclassified';
const resolvers = registryResolversWith(categoryOf);

export function buildRegistryServer(deps: SubgraphDeps): Promise<FastifyInstance> {
  const settings = deps.records ?? DEFAULT_RECORD_SETTINGS;
  return buildApolloSubgraph(deps, {
    name: 'registry',
    typeDefs,
    resolvers,
    context: () => createRegistryContext(deps.store.db, deps.limits, settings),
  }).then((app) => registerImportRoute(app, { lists: REGISTRY_LISTS, categoryOf, db: deps.store.db, settings }));
}

export const registrySubgraph: SubgraphModule = {
  name: 'registry',
  typeDefs,
  migrations: [
    ...migrationsIn(path.join(__dirname, 'migrations')),
    CREATE_RECORD_KEY_V1,
    recordLifeCycleV2(Object.values(REGISTRY_LISTS).map((l) => l.table)),
    recordRecourseV3(Object.values(REGISTRY_LISTS).map((l) => l.table)),
    recordSubmissionsV4(Object.values(REGISTRY_LISTS).map((l) => l.table)),
  ],
  dataset: registryDataset,
  lists: REGISTRY_LISTS,
  buildServer: buildRegistryServer,
};
