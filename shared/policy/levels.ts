/** Information levels, ordered: each one covers the ones before it. */
export const LEVELS = ['PUBLIC', 'SHARED', 'RESTRICTED', 'SPECIAL'] as const;
export type Level = (typeof LEVELS)[number];

export function isLevel(value: unknown): value is Level {
  return typeof value === 'string' && (LEVELS as readonly string[]).includes(value);
}

export function levelRank(level: Level): number {
  return LEVELS.indexOf(level);
}

/** Whether a grant at `granted` covers information at `required`. */
export function covers(granted: Level, required: Level): boolean {
  return levelRank(granted) >= levelRank(required);
}

export function maxLevel(a: Level, b: Level): Level {
  return levelRank(a) >= levelRank(b) ? a : b;
}
