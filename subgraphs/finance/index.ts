import { runSubgraph } from '../../shared/subgraph/run';
import { financeSector } from './sector';

void runSubgraph(financeSector);
