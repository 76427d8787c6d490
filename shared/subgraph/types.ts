import type { GraphQLFieldResolver, GraphQLResolveInfo, GraphQLScalarType } from 'graphql';
import type { FastifyInstance, FastifyBaseLogger } from 'fastify';
import type { Config } from '../config';
import type { Migration, Store } from '../store';
import type { DatasetPlan } from '../seed';
import type { DocumentNode } from 'graphql';
import type { RecordList, RecordSettings } from '../records';

export interface SubgraphDeps {
  readonly store: Store;
  readonly limits: Config['limits'];
  /**
   * How this subgraph verifies the gateway's per-fetch contexts: the Ed25519 public key
   * (`CG_CONTEXT_PUBLIC_KEY`) and the longest lifetime it accepts (`CG_CONTEXT_TTL_SECONDS`).
   * A subgraph never holds a signing key.
   */
  readonly context: { readonly publicKeyPem: string; readonly ttlSeconds: number };
  /** A pino logger, or false for silence (tests). */
  readonly logger: FastifyBaseLogger | false;
  /** The record life cycle: the clock, retention, the notice waiting period, submission bounds (defaults when omitted). */
  readonly records?: RecordSettings;
}

/** Everything the runtime needs to know about one subgraph; each subgraph folder exports one, `subgraphs/index.ts` lists them. */
export interface SubgraphModule {
  readonly name: string;
  /** Its whole SDL, as composition and its server read it (`shared/subgraph/sdl.ts`). */
  readonly typeDefs: DocumentNode;
  readonly migrations: readonly Migration[];
  readonly dataset: DatasetPlan;
  /** Its record lists, for the jobs that go over them (retention); none for a subgraph without records. */
  readonly lists?: Readonly<Record<string, RecordList>>;
  /** Builds the HTTP server without listening: the caller decides where (or uses `inject`). */
  buildServer(deps: SubgraphDeps): Promise<FastifyInstance>;
}

/**
 * A subgraph's resolvers, by type and field: the shape `buildSubgraphSchema` and Mercurius take.
 * `@apollo/subgraph` does not export its own name for it from the package, and nothing here imports
 * from a package's build output, so the shape is written down once, here.
 */
/* eslint-disable @typescript-eslint/no-explicit-any -- a resolver's parent is whatever its type's resolvers return, as in @apollo/subgraph's own type */
export interface ResolverMap<Context = object> {
  [typeName: string]:
    | {
        [fieldName: string]:
          | GraphQLFieldResolver<any, Context>
          | {
              requires?: string;
              resolve?: GraphQLFieldResolver<any, Context>;
              subscribe?: GraphQLFieldResolver<any, Context>;
            };
      }
    | GraphQLScalarType
    | { [enumValue: string]: string | number };
}
/* eslint-enable @typescript-eslint/no-explicit-any */

/**
 * An entity's `__resolveReference` as `ResolverMap` holds it: `@apollo/subgraph` calls it with the
 * reference, the context and the `_entities` field's info, not a field resolver's four arguments.
 */
export function referenceResolver<Reference, Context>(resolve: (reference: Reference, context: Context, info: GraphQLResolveInfo) => unknown): GraphQLFieldResolver<Reference, Context> {
  return resolve as unknown as GraphQLFieldResolver<Reference, Context>;
}
