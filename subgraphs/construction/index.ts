import { runSubgraph } from '../../shared/subgraph/run';
import { constructionSector } from './sector';

void runSubgraph(constructionSector);
