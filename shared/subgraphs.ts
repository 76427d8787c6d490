/**
 * The subgraphs of the credit graph, in the order the gateway lists them: the registry, the five
 * sectors, and `access` (consents, special applications and inquiry records).
 */
export const SUBGRAPH_NAMES = ['registry', 'finance', 'taxation', 'construction', 'ecommerce', 'healthcare', 'access'] as const;
export type SubgraphName = (typeof SUBGRAPH_NAMES)[number];

/** The five sectors that hang their records off `Subject` (the registry owns `Subject` itself). */
export const SECTOR_NAMES = ['finance', 'taxation', 'construction', 'ecommerce', 'healthcare'] as const;
export type SectorName = (typeof SECTOR_NAMES)[number];

export const DEFAULT_SUBGRAPH_PORTS: Readonly<Record<SubgraphName, number>> = {
  registry: 4001,
  finance: 4002,
  taxation: 4003,
  construction: 4004,
  ecommerce: 4005,
  healthcare: 4006,
  access: 4007,
};

export function isSubgraphName(value: string): value is SubgraphName {
  return (SUBGRAPH_NAMES as readonly string[]).includes(value);
}
