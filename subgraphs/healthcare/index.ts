import { runSubgraph } from '../../shared/subgraph/run';
import { healthcareSubgraph } from './server';

void runSubgraph(healthcareSubgraph);
