import path from 'node:path';
import { print } from 'graphql';
import type { SubgraphModule } from '../shared/subgraph/types';
import { SUBGRAPH_NAMES, isSubgraphName, type SubgraphName } from './names';
import { registrySubgraph } from './registry/server';
import { financeSector } from './finance/sector';
import { taxationSector } from './taxation/sector';
import { constructionSector } from './construction/sector';
import { ecommerceSector } from './ecommerce/sector';
import { healthcareSector } from './healthcare/sector';
import { accessSubgraph } from './access/server';

export { SUBGRAPH_NAMES, DEFAULT_SUBGRAPH_PORTS, isSubgraphName, type SubgraphName } from './names';

/** Every subgraph's module by name: for tools that work on all of them (composition, loading, migrating, tests). */
export const SUBGRAPH_MODULES: Readonly<Record<SubgraphName, SubgraphModule>> = {
  registry: registrySubgraph,
  finance: financeSector,
  taxation: taxationSector,
  construction: constructionSector,
  ecommerce: ecommerceSector,
  healthcare: healthcareSector,
  access: accessSubgraph,
};

/** The modules in the order of `names.ts`. */
export const SUBGRAPHS: ReadonlyArray<SubgraphModule & { readonly name: SubgraphName }> = SUBGRAPH_NAMES.map((name) => ({ ...SUBGRAPH_MODULES[name], name }));

/** The SDL text of the subgraph in `dir` (`subgraphs/<name>`), as composition reads it. */
export function subgraphSdl(dir: string): string {
  const name = path.basename(dir);
  if (!isSubgraphName(name)) throw new Error(`${dir} is not a subgraph folder listed in subgraphs/names.ts`);
  return print(SUBGRAPH_MODULES[name].typeDefs);
}
