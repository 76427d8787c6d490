import { acknowledgementFor, acknowledges, type Acknowledgement } from './acknowledgements';
import { compareSupergraphs, loadSupergraph, type SchemaChange } from './compare';

/** The verdict of one comparison: every change, which acknowledgement let each through, and what failed. */

export interface CheckedChange extends SchemaChange {
  readonly acknowledgement?: Acknowledgement;
}

export interface CheckResult {
  readonly changes: readonly CheckedChange[];
  /** Breaking changes no acknowledgement covers: the check fails when there is one. */
  readonly unacknowledged: readonly CheckedChange[];
  /** Acknowledgements no change used: stale once their change is on the base, to be removed. */
  readonly unusedAcknowledgements: readonly Acknowledgement[];
  /** What the classification reading could not understand, on either side. */
  readonly notes: readonly string[];
  readonly failed: boolean;
}

export async function checkSupergraphs(baseSdl: string, currentSdl: string, acknowledgements: readonly Acknowledgement[]): Promise<CheckResult> {
  const base = loadSupergraph(baseSdl, 'base supergraph');
  const current = loadSupergraph(currentSdl, 'current supergraph');
  const used = new Set<Acknowledgement>();
  const changes = (await compareSupergraphs(base, current)).map((change): CheckedChange => {
    if (change.criticality !== 'BREAKING') return change;
    const acknowledgement = acknowledgements.find((ack) => acknowledges(ack, change));
    if (!acknowledgement) return change;
    used.add(acknowledgement);
    return { ...change, acknowledgement };
  });
  const unacknowledged = changes.filter((c) => c.criticality === 'BREAKING' && !c.acknowledgement);
  return {
    changes,
    unacknowledged,
    unusedAcknowledgements: acknowledgements.filter((a) => !used.has(a)),
    notes: [...base.problems, ...current.problems],
    failed: unacknowledged.length > 0,
  };
}

const HEADINGS = { BREAKING: 'Breaking', DANGEROUS: 'Dangerous (reported, does not fail)', NON_BREAKING: 'Safe' } as const;

function line(change: CheckedChange): string[] {
  const mark = change.criticality === 'BREAKING' ? (change.acknowledgement ? 'acknowledged' : 'BREAKING') : change.criticality === 'DANGEROUS' ? 'dangerous' : 'safe';
  const lines = [`  [${mark}] ${change.type} ${change.coordinate} (${change.schemas.join(', ')})`, `      ${change.message}`];
  if (change.acknowledgement) lines.push(`      reason: ${change.acknowledgement.reason}`);
  return lines;
}

/** The report as printed: changes by criticality, what to acknowledge, and one summary line last. */
export function formatReport(result: CheckResult, against: string, acknowledgementsFile: string): string {
  const out: string[] = [];
  for (const criticality of ['BREAKING', 'DANGEROUS', 'NON_BREAKING'] as const) {
    const changes = result.changes.filter((c) => c.criticality === criticality);
    if (changes.length === 0) continue;
    out.push(`${HEADINGS[criticality]} (${changes.length}):`, ...changes.flatMap(line), '');
  }
  for (const note of result.notes) out.push(`note: ${note}`);
  for (const ack of result.unusedAcknowledgements) {
    out.push(`note: unused acknowledgement ${ack.change} ${ack.coordinate} in ${acknowledgementsFile}: nothing it covers changed against ${against}; remove it`);
  }
  if (result.notes.length > 0 || result.unusedAcknowledgements.length > 0) out.push('');
  if (result.failed) {
    out.push(
      `If these changes are intended, add to "acknowledgements" in ${acknowledgementsFile}, with the reason (see docs/schema-checks.md):`,
      JSON.stringify(result.unacknowledged.map(acknowledgementFor), null, 2),
      '',
    );
  }
  const count = (criticality: CheckedChange['criticality']) => result.changes.filter((c) => c.criticality === criticality).length;
  const breaking = count('BREAKING');
  const figures = `${breaking} breaking (${breaking - result.unacknowledged.length} acknowledged), ${count('DANGEROUS')} dangerous, ${count('NON_BREAKING')} safe`;
  out.push(
    result.failed
      ? `check:schema: FAILED, ${result.unacknowledged.length} unacknowledged breaking change${result.unacknowledged.length === 1 ? '' : 's'} against ${against} (${figures})`
      : `check:schema: ok, nothing breaks against ${against} (${figures})`,
  );
  return `${out.join('\n')}\n`;
}
