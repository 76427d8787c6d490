import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse, type DocumentNode } from 'graphql';

const COMMON_SDL = path.resolve(__dirname, '../schema/common.graphql');
const CLASSIFICATION_SDL = path.resolve(__dirname, '../schema/classification.graphql');

/** A subgraph's SDL text: its own `schema.graphql`, the shared types and the classification directive. */
export function subgraphSdl(subgraphDir: string): string {
  return [path.join(subgraphDir, 'schema.graphql'), COMMON_SDL, CLASSIFICATION_SDL].map((file) => readFileSync(file, 'utf8')).join('\n');
}

export function subgraphTypeDefs(subgraphDir: string): DocumentNode {
  return parse(subgraphSdl(subgraphDir));
}
