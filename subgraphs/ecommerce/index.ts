import { runSubgraph } from '../../shared/subgraph/run';
import { ecommerceSubgraph } from './server';

void runSubgraph(ecommerceSubgraph);
