import type { Basis } from '../policy/decide';
import { isLevel, type Level } from '../policy/levels';

/**
 * What a subgraph disclosed above PUBLIC while answering one request: per subject and field, with the
 * basis (grant, consent, self, statutory, special application) and the consent or application it
 * rested on. The subgraph returns the list in `extensions.disclosures`; the gateway gathers the lists
 * of every fetch into the request's inquiry record before the response leaves.
 */
export interface Disclosure {
  /** The subject whose record was served, or null for a field that concerns no single subject. */
  readonly subject: string | null;
  /** `Type.field`. */
  readonly field: string;
  readonly category: string;
  readonly level: Level;
  readonly basis: Basis;
  /** The consent or special application the disclosure rests on. */
  readonly ref?: string;
}

export const DISCLOSURES_EXTENSION = 'disclosures';

/** The bases that disclose nothing beyond what the law publishes. */
const PUBLIC_BASES: ReadonlySet<Basis> = new Set(['public', 'per-record']);

export class Disclosures {
  private readonly byKey = new Map<string, Disclosure>();

  add(disclosure: Disclosure): void {
    if (PUBLIC_BASES.has(disclosure.basis)) return;
    const key = `${disclosure.subject ?? ''}\u0000${disclosure.field}`;
    if (!this.byKey.has(key)) this.byKey.set(key, disclosure);
  }

  list(): Disclosure[] {
    return [...this.byKey.values()];
  }
}

/** Reads a subgraph's `extensions.disclosures`, dropping anything malformed. */
export function readDisclosures(extension: unknown): Disclosure[] {
  if (!Array.isArray(extension)) return [];
  const out: Disclosure[] = [];
  for (const raw of extension) {
    const d = raw as Record<string, unknown>;
    if (typeof d?.field !== 'string' || typeof d.category !== 'string' || typeof d.basis !== 'string' || !isLevel(d.level)) continue;
    out.push({
      subject: typeof d.subject === 'string' ? d.subject : null,
      field: d.field,
      category: d.category,
      level: d.level,
      basis: d.basis as Basis,
      ...(typeof d.ref === 'string' ? { ref: d.ref } : {}),
    });
  }
  return out;
}
