import { runSubgraph } from '../../shared/subgraph/run';
import { financeSubgraph } from './server';

void runSubgraph(financeSubgraph);
