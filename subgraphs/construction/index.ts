import { runSubgraph } from '../../shared/subgraph/run';
import { constructionSubgraph } from './server';

void runSubgraph(constructionSubgraph);
