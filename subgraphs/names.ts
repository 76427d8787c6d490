/**
 * The subgraphs of the credit graph and their default ports, in the order the gateway lists them: the
 * registry, the sectors, and `access` (consents, special applications and inquiry records). Names and
 * numbers only, so that configuration can read it without loading any subgraph; `index.ts` beside it
 * holds each subgraph's module. `npm run new-sector` adds a line here.
 */
export const DEFAULT_SUBGRAPH_PORTS = {
  registry: 4001,
  finance: 4002,
  taxation: 4003,
  construction: 4004,
  ecommerce: 4005,
  healthcare: 4006,
  access: 4007,
} as const;

export type SubgraphName = keyof typeof DEFAULT_SUBGRAPH_PORTS;

export const SUBGRAPH_NAMES = Object.keys(DEFAULT_SUBGRAPH_PORTS) as readonly SubgraphName[];

export function isSubgraphName(value: string): value is SubgraphName {
  return Object.hasOwn(DEFAULT_SUBGRAPH_PORTS, value);
}
