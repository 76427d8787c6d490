import { runSubgraph } from '../../shared/subgraph/run';
import { registrySubgraph } from './server';

void runSubgraph(registrySubgraph);
