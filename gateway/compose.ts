import { composeServices } from '@apollo/composition';
import { parse, type DocumentNode } from 'graphql';
import { checkClassifications, classificationsOf, type Classification } from '../shared/policy/classification';
import { CATEGORIES } from '../shared/policy/categories';
import { SUBGRAPHS } from '../subgraphs';
import type { Config } from '../shared/config';

export interface CompositionResult {
  readonly supergraphSdl: string;
  readonly hints: readonly string[];
  /** Every classified field, with the subgraphs that serve it: the credit information catalogue. */
  readonly catalogue: readonly CatalogueEntry[];
}

export interface CatalogueEntry extends Classification {
  readonly type: string;
  readonly field: string;
  readonly subgraphs: readonly string[];
}

export class CompositionError extends Error {
  override readonly name = 'CompositionError';
  constructor(readonly problems: readonly string[]) {
    super(`composition failed:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  }
}

/**
 * Composes the supergraph offline from the subgraphs' SDL files. The URLs written into the
 * supergraph are the configured ones; the gateway can override them again at start.
 */
export function composeSupergraph(subgraphs: Config['subgraphs']): CompositionResult {
  return composeDocuments(SUBGRAPHS.map((s) => ({ name: s.name, document: s.typeDefs, url: subgraphs[s.name].url })));
}

/** Composes subgraph SDL documents and checks their classification; any problem fails composition. */
export function composeDocuments(
  subgraphs: ReadonlyArray<{ readonly name: string; readonly url: string; readonly document: DocumentNode }>,
): CompositionResult {
  const result = composeServices(subgraphs.map((s) => ({ name: s.name, url: s.url, typeDefs: s.document })));
  if (result.errors) throw new CompositionError(result.errors.map((e) => e.message));
  const problems = checkClassifications(subgraphs, parse(result.supergraphSdl));
  if (problems.length > 0) throw new CompositionError(problems);
  return { supergraphSdl: result.supergraphSdl, hints: result.hints.map((h) => h.toString()), catalogue: catalogueOf(subgraphs) };
}

function catalogueOf(subgraphs: ReadonlyArray<{ readonly name: string; readonly document: DocumentNode }>): CatalogueEntry[] {
  const entries = new Map<string, CatalogueEntry>();
  for (const { name, document } of subgraphs) {
    for (const [key, classification] of classificationsOf(document).fields) {
      if (!classification) continue;
      const [type, field] = key.split('.') as [string, string];
      const earlier = entries.get(key);
      entries.set(key, { type, field, ...classification, subgraphs: [...(earlier?.subgraphs ?? []), name] });
    }
  }
  return [...entries.values()].sort((a, b) => a.category.localeCompare(b.category) || `${a.type}.${a.field}`.localeCompare(`${b.type}.${b.field}`));
}

/** The catalogue as published: Markdown for people, grouped by category. */
export function catalogueMarkdown(catalogue: readonly CatalogueEntry[]): string {
  const lines = [
    '# Credit information catalogue',
    '',
    'Generated from the `@classify` directives of every subgraph by `npm run compose`; do not edit.',
    'Levels: PUBLIC (disclosed by law) < SHARED (government sharing) < RESTRICTED (authorized query) < SPECIAL (special application).',
    'A grant on a category covers its sub-categories. "Public when" names the records that are public even though the field is not.',
    '',
    '**Natural persons (the subject-type ceiling).** Data about a natural person is personal data and never PUBLIC. For a subject',
    'whose code is a resident identity number, every field below (but the `structure` of profiles and connections) is at least SHARED in its own category,',
    'and no record of the person is public "per record". To a caller who may not see the person (SHARED on `registry.identity`,',
    'or the person itself), with a purpose its token allows, the person\'s code answers exactly as an unknown code does: `null`,',
    'with no error. The graph publishes no natural person: statutory publications about persons (the dishonest judgment-debtor',
    'list) remain the publishing court\'s.',
    '',
  ];
  for (const info of CATEGORIES) {
    const rows = catalogue.filter((e) => e.category === info.category);
    if (rows.length === 0) continue;
    lines.push(`## ${info.category}`, '', `${info.holds} Basis: ${info.basis}.`, '', '| field | level | public when | subgraphs |', '|---|---|---|---|');
    for (const e of rows) lines.push(`| \`${e.type}.${e.field}\` | ${e.level} | ${e.publicWhen ?? ''} | ${e.subgraphs.join(', ')} |`);
    lines.push('');
  }
  return lines.join('\n');
}
