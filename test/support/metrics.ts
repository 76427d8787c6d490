import { spawnSync } from 'node:child_process';

/**
 * Reading a Prometheus text exposition in tests, and running promtool on one. promtool comes from
 * Debian's `prometheus` package: with `CG_REQUIRE_PROMTOOL=1` (CI) its absence fails the tests that
 * need it; otherwise they are skipped, their names saying why.
 */

export interface Sample {
  readonly name: string;
  readonly labels: Readonly<Record<string, string>>;
  readonly value: number;
}

/** The samples of an exposition (comment lines aside). */
export function samples(text: string): Sample[] {
  const out: Sample[] = [];
  for (const line of text.split('\n')) {
    if (line === '' || line.startsWith('#')) continue;
    const match = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})? (\S+)$/.exec(line);
    if (!match) throw new Error(`not an exposition line: ${line}`);
    const labels: Record<string, string> = {};
    for (const pair of (match[2] ?? '').matchAll(/([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"/g)) labels[pair[1]!] = pair[2]!;
    out.push({ name: match[1]!, labels, value: Number(match[3]) });
  }
  return out;
}

/** The value of the one sample of `name` whose labels include `labels`; undefined when none. */
export function valueOf(text: string, name: string, labels: Readonly<Record<string, string>> = {}): number | undefined {
  const found = samples(text).filter((s) => s.name === name && Object.entries(labels).every(([k, v]) => s.labels[k] === v));
  if (found.length > 1) throw new Error(`${found.length} samples of ${name} match ${JSON.stringify(labels)}`);
  return found[0]?.value;
}

/** Every metric family an exposition declares (`# TYPE` lines), with or without samples. */
export function families(text: string): Set<string> {
  return new Set([...text.matchAll(/^# TYPE (\S+) /gm)].map((m) => m[1]!));
}

export const PROMTOOL_REQUIRED = process.env.CG_REQUIRE_PROMTOOL === '1';
export const PROMTOOL_AVAILABLE = spawnSync('promtool', ['--version'], { stdio: 'ignore' }).status === 0;

const SKIP_REASON = "promtool is not installed; install Debian's prometheus package, or set CG_REQUIRE_PROMTOOL=1 to fail instead";
let warned = false;

/** `it` when promtool is there (or required: then its absence fails), else `it.skip` with the reason in the name. */
export function withPromtool(name: string, test: () => Promise<void>, timeout?: number): void {
  if (PROMTOOL_AVAILABLE || PROMTOOL_REQUIRED) {
    it(name, async () => {
      if (!PROMTOOL_AVAILABLE) throw new Error('CG_REQUIRE_PROMTOOL=1 but promtool is not installed (apt-get install prometheus)');
      await test();
    }, timeout);
  } else {
    if (!warned) console.warn(`skipping the promtool checks: ${SKIP_REASON}`);
    warned = true;
    it.skip(`${name} [skipped: ${SKIP_REASON}]`, test);
  }
}

/** Runs promtool with `args`, `input` on its stdin: its exit status and everything it printed. */
export function promtool(args: readonly string[], input?: string): { status: number | null; output: string } {
  const result = spawnSync('promtool', args, { input, encoding: 'utf8' });
  return { status: result.status, output: `${result.stdout ?? ''}${result.stderr ?? ''}`.trim() };
}
