import { runSubgraph } from '../../shared/subgraph/run';
import { taxationSubgraph } from './server';

void runSubgraph(taxationSubgraph);
