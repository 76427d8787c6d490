import { runSubgraph } from '../../shared/subgraph/run';
import { ecommerceSector } from './sector';

void runSubgraph(ecommerceSector);
