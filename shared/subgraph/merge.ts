/** Resolver maps merged type by type (a type's fields may come from several of them). */
export function mergeResolvers(...maps: ReadonlyArray<Readonly<Record<string, unknown>>>): Record<string, unknown> {
  const merged: Record<string, unknown> = {};
  for (const map of maps) {
    for (const [type, fields] of Object.entries(map)) {
      const existing = merged[type];
      const plain = (v: unknown) => typeof v === 'object' && v !== null && Object.getPrototypeOf(v) === Object.prototype;
      merged[type] = plain(existing) && plain(fields) ? { ...(existing as object), ...(fields as object) } : fields;
    }
  }
  return merged;
}
