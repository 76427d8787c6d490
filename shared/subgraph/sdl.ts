import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse, type DocumentNode } from 'graphql';

const COMMON_SDL = path.resolve(__dirname, '../schema/common.graphql');

/** A subgraph's SDL text: its own `schema.graphql` followed by the shared types. */
export function subgraphSdl(subgraphDir: string): string {
  return `${readFileSync(path.join(subgraphDir, 'schema.graphql'), 'utf8')}\n${readFileSync(COMMON_SDL, 'utf8')}`;
}

export function subgraphTypeDefs(subgraphDir: string): DocumentNode {
  return parse(subgraphSdl(subgraphDir));
}
