import { runSubgraph } from '../../shared/subgraph/run';
import { taxationSector } from './sector';

void runSubgraph(taxationSector);
