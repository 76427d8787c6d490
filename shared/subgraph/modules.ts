import type { SubgraphName } from '../subgraphs';
import type { SubgraphModule } from './types';
import { registrySubgraph } from '../../subgraphs/registry/server';
import { financeSubgraph } from '../../subgraphs/finance/server';
import { taxationSubgraph } from '../../subgraphs/taxation/server';
import { constructionSubgraph } from '../../subgraphs/construction/server';
import { ecommerceSubgraph } from '../../subgraphs/ecommerce/server';
import { healthcareSubgraph } from '../../subgraphs/healthcare/server';
import { accessSubgraph } from '../../subgraphs/access/server';

/** Every subgraph module by name: for tools that work on all stores (loading, migrating, tests). */
export const SUBGRAPH_MODULES: Readonly<Record<SubgraphName, SubgraphModule>> = {
  registry: registrySubgraph,
  finance: financeSubgraph,
  taxation: taxationSubgraph,
  construction: constructionSubgraph,
  ecommerce: ecommerceSubgraph,
  healthcare: healthcareSubgraph,
  access: accessSubgraph,
};
