/**
 * The fields a response says the caller may not see: the gateway removes each and answers one
 * `UNAUTHORIZED_FIELD_OR_TYPE` error per removed path, with the category and the level it needs
 * (gateway/authorizingGateway.ts). The explorer lists them beside the response.
 */
export interface Denial {
  /** The removed field's path, e.g. `subject.finance.summary`. */
  readonly path: string;
  readonly category: string;
  readonly level: string;
  readonly reason: string | null;
}

interface ResponseError {
  readonly path?: ReadonlyArray<string | number>;
  readonly extensions?: { readonly code?: unknown; readonly category?: unknown; readonly level?: unknown; readonly reason?: unknown };
}

export function denialsOf(response: unknown): Denial[] {
  const errors = (response as { errors?: unknown } | null)?.errors;
  if (!Array.isArray(errors)) return [];
  const denials: Denial[] = [];
  for (const error of errors as ResponseError[]) {
    const extensions = error?.extensions;
    if (extensions?.code !== 'UNAUTHORIZED_FIELD_OR_TYPE') continue;
    denials.push({
      path: Array.isArray(error.path) && error.path.length > 0 ? error.path.join('.') : '(operation)',
      category: typeof extensions.category === 'string' ? extensions.category : '—',
      level: typeof extensions.level === 'string' ? extensions.level : '—',
      reason: typeof extensions.reason === 'string' ? extensions.reason : null,
    });
  }
  return denials;
}

/** A tiny store the fetcher writes each response's denials to and the panel reads (useSyncExternalStore). */
export class DenialStore {
  private current: { readonly denials: readonly Denial[]; readonly answered: boolean } = { denials: [], answered: false };
  private readonly listeners = new Set<() => void>();

  readonly subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  readonly snapshot = () => this.current;

  publish(response: unknown): void {
    this.current = { denials: denialsOf(response), answered: true };
    for (const listener of this.listeners) listener();
  }
}
