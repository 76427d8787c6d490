import { isLevel } from '../../shared/policy/levels';
import type { Classification } from '../../shared/policy/classification';
import { CLASSIFICATION_LOOSENED, describeClassification } from './classification';
import type { SchemaChange } from './compare';

/**
 * Acknowledgements let an intended breaking change through: each names the change, where it is and
 * why, in a committed file (`schema-acknowledgements.json`) so that the reason is reviewed with the
 * change and stays in the history. A classification loosening is acknowledged for one outcome only
 * (`to`): a later, further loosening of the same field needs its own acknowledgement.
 */

export interface Acknowledgement {
  /** The change type as reported: `FIELD_REMOVED`, `CLASSIFICATION_LOOSENED`, ... */
  readonly change: string;
  /** `Type.field` (or `Type`: every field of the type, for a classification), as reported. */
  readonly coordinate: string;
  /** For `CLASSIFICATION_LOOSENED`: the classification the field is acknowledged to have now. */
  readonly to?: Classification;
  readonly reason: string;
}

export class AcknowledgementsError extends Error {
  override readonly name = 'AcknowledgementsError';
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function nonEmptyString(value: unknown): value is string {
  return typeof value === 'string' && value.trim() !== '';
}

/** Parses the acknowledgements file's text; everything wrong with it is reported at once. */
export function parseAcknowledgements(text: string, file: string): Acknowledgement[] {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw new AcknowledgementsError(`${file}: not JSON: ${error instanceof Error ? error.message : String(error)}`);
  }
  if (!isRecord(data) || !Array.isArray(data.acknowledgements)) {
    throw new AcknowledgementsError(`${file}: expected an object with an "acknowledgements" array`);
  }
  const problems: string[] = [];
  const result: Acknowledgement[] = [];
  data.acknowledgements.forEach((entry: unknown, index: number) => {
    const where = `${file}: acknowledgements[${index}]`;
    if (!isRecord(entry)) {
      problems.push(`${where}: expected an object`);
      return;
    }
    const { change, coordinate, reason, to } = entry;
    const missing = (['change', 'coordinate', 'reason'] as const).filter((key) => !nonEmptyString(entry[key]));
    if (missing.length > 0) {
      problems.push(`${where}: ${missing.map((m) => `"${m}"`).join(', ')} must be a non-empty string`);
      return;
    }
    if (change === CLASSIFICATION_LOOSENED) {
      const classification = classificationOf(to);
      if (!classification) {
        problems.push(`${where}: a ${CLASSIFICATION_LOOSENED} needs "to": { "category": "...", "level": "PUBLIC|SHARED|RESTRICTED|SPECIAL", "publicWhen": "..." (optional) }`);
        return;
      }
      result.push({ change, coordinate: coordinate as string, to: classification, reason: reason as string });
    } else if (to !== undefined) {
      problems.push(`${where}: "to" applies to ${CLASSIFICATION_LOOSENED} only`);
    } else {
      result.push({ change: change as string, coordinate: coordinate as string, reason: reason as string });
    }
  });
  if (problems.length > 0) throw new AcknowledgementsError(problems.join('\n'));
  return result;
}

function classificationOf(value: unknown): Classification | null {
  if (!isRecord(value) || !nonEmptyString(value.category) || !isLevel(value.level)) return null;
  if (value.publicWhen !== undefined && value.publicWhen !== null && typeof value.publicWhen !== 'string') return null;
  return { category: value.category, level: value.level, publicWhen: value.publicWhen ?? null };
}

/** Whether `ack` lets `change` through. */
export function acknowledges(ack: Acknowledgement, change: SchemaChange): boolean {
  if (ack.change !== change.type) return false;
  if (change.type !== CLASSIFICATION_LOOSENED) return ack.coordinate === change.coordinate;
  // A type's coordinate covers its fields: a type-level @classify classifies all of them.
  const typeName = change.coordinate.split('.')[0];
  if (ack.coordinate !== change.coordinate && ack.coordinate !== typeName) return false;
  const after = change.classification?.after ?? null;
  return (
    after !== null && ack.to !== undefined && after.category === ack.to.category && after.level === ack.to.level && after.publicWhen === ack.to.publicWhen
  );
}

/** The acknowledgement a reported breaking change needs, ready to paste into the file. */
export function acknowledgementFor(change: SchemaChange): Acknowledgement {
  const after = change.classification?.after;
  return {
    change: change.type,
    coordinate: change.coordinate,
    ...(change.type === CLASSIFICATION_LOOSENED && after ? { to: after } : {}),
    reason: change.type === CLASSIFICATION_LOOSENED ? `why ${describeClassification(after ?? null)} is right` : 'why this is intended and how clients are moved',
  };
}
