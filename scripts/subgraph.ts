import { isSubgraphName, SUBGRAPH_NAMES } from '../subgraphs/names';
import { SUBGRAPH_MODULES } from '../subgraphs';
import { runSubgraph } from '../shared/subgraph/run';

/** `npm run subgraph -- finance`: runs one subgraph alone, as its sector team would. */
const name = process.argv[2] ?? '';
if (!isSubgraphName(name)) {
  process.stderr.write(`usage: npm run subgraph -- <${SUBGRAPH_NAMES.join('|')}>\n`);
  process.exit(2);
}
void runSubgraph(SUBGRAPH_MODULES[name]);
