import { runSubgraph } from '../../shared/subgraph/run';
import { healthcareSector } from './sector';

void runSubgraph(healthcareSector);
