import path from 'node:path';
import { composeServices } from '@apollo/composition';
import { parse } from 'graphql';
import { SUBGRAPH_NAMES } from '../shared/subgraphs';
import { subgraphSdl } from '../shared/subgraph/sdl';
import type { Config } from '../shared/config';

export interface CompositionResult {
  readonly supergraphSdl: string;
  readonly hints: readonly string[];
}

export class CompositionError extends Error {
  override readonly name = 'CompositionError';
  constructor(readonly problems: readonly string[]) {
    super(`composition failed:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  }
}

const SUBGRAPHS_DIR = path.resolve(__dirname, '../subgraphs');

/**
 * Composes the supergraph offline from the subgraphs' SDL files. The URLs written into the
 * supergraph are the configured ones; the gateway can override them again at start.
 */
export function composeSupergraph(subgraphs: Config['subgraphs']): CompositionResult {
  const result = composeServices(
    SUBGRAPH_NAMES.map((name) => ({
      name,
      url: subgraphs[name].url,
      typeDefs: parse(subgraphSdl(path.join(SUBGRAPHS_DIR, name))),
    })),
  );
  if (result.errors) throw new CompositionError(result.errors.map((e) => e.message));
  return { supergraphSdl: result.supergraphSdl, hints: result.hints.map((h) => h.toString()) };
}
