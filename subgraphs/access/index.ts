import { runSubgraph } from '../../shared/subgraph/run';
import { accessSubgraph } from './server';

void runSubgraph(accessSubgraph);
