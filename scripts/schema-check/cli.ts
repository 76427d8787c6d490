import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { AcknowledgementsError, parseAcknowledgements, type Acknowledgement } from './acknowledgements';
import { checkSupergraphs, formatReport } from './check';
import { SupergraphError } from './compare';

/** `npm run check:schema`: the working tree's supergraph against the base branch's. */

const ROOT = path.resolve(__dirname, '../..');
const SUPERGRAPH = 'supergraph.graphql';
const ACKNOWLEDGEMENTS = 'schema-acknowledgements.json';
/** Tried in order when no --base is given; a clone of main alone has `main`, a CI checkout may have only `origin/main`. */
const DEFAULT_BASES = ['main', 'origin/main'];

export const EXIT = { ok: 0, breaking: 1, usage: 2 } as const;

export const HELP = `Usage: npm run check:schema -- [--base <ref>] [--supergraph <file>] [--acknowledgements <file>]

Compares the composed API schema and each subgraph's schema, both extracted from the committed
${SUPERGRAPH}, and the @classify of every field, with those at the base ref. Fails on
breaking changes (GraphQL Inspector's BREAKING) and on any classification that makes a field more
visible (CLASSIFICATION_LOOSENED: a lower level, another category, a new or reworded publicWhen, a
classification where there was none), unless acknowledged.

Options:
  --base <ref>               git ref whose ${SUPERGRAPH} is the base (default: main, else
                             origin/main, else HEAD with a note: then only uncommitted changes count)
  --supergraph <file>        the supergraph to check (default: ${SUPERGRAPH} in the working tree)
  --acknowledgements <file>  intended breaking changes (default: ${ACKNOWLEDGEMENTS}); each entry:
                               { "change": "FIELD_REMOVED", "coordinate": "Type.field",
                                 "reason": "why, and how clients move" }
                             a CLASSIFICATION_LOOSENED also names the classification it allows:
                               "to": { "category": "...", "level": "PUBLIC", "publicWhen": "..." }
                             ("coordinate" may be a type: it covers the type's fields)
  -h, --help                 this text

Exit status: 0 nothing breaks (dangerous and acknowledged changes are reported), 1 an
unacknowledged breaking change, 2 a usage error (bad option, base or file not found, unreadable
supergraph or acknowledgements). More in docs/schema-checks.md.
`;

export interface CliIo {
  /** Where git runs and relative paths resolve: the repository root. */
  readonly cwd: string;
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
}

class UsageError extends Error {}

function git(cwd: string, args: readonly string[]): string | null {
  try {
    return execFileSync('git', args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'], maxBuffer: 64 * 1024 * 1024 });
  } catch {
    return null;
  }
}

function commitOf(cwd: string, ref: string): string | null {
  return git(cwd, ['rev-parse', '--verify', '--quiet', `${ref}^{commit}`])?.trim() ?? null;
}

/** The base ref and its commit; the fallback to HEAD is said on stderr, since it checks much less. */
function resolveBase(io: CliIo, requested: string | undefined): { ref: string; commit: string } {
  if (requested !== undefined) {
    const commit = commitOf(io.cwd, requested);
    if (!commit) throw new UsageError(`base ref '${requested}' not found in ${io.cwd} (fetch it, or pass another --base)`);
    return { ref: requested, commit };
  }
  for (const ref of DEFAULT_BASES) {
    const commit = commitOf(io.cwd, ref);
    if (commit) return { ref, commit };
  }
  const head = commitOf(io.cwd, 'HEAD');
  if (!head) throw new UsageError(`no base: neither ${DEFAULT_BASES.join(' nor ')} nor HEAD resolves in ${io.cwd} (is it a git repository?)`);
  io.stderr(`note: neither ${DEFAULT_BASES.join(' nor ')} exists here: comparing with HEAD, so only uncommitted changes are checked\n`);
  return { ref: 'HEAD', commit: head };
}

function readText(file: string, what: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (error) {
    throw new UsageError(`cannot read ${what} ${file}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
  }
}

function readAcknowledgements(file: string, explicit: boolean): Acknowledgement[] {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    // The default file is optional; one named on the command line must exist.
    if (!explicit && (error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw new UsageError(`cannot read the acknowledgements ${file}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
  }
  return parseAcknowledgements(text, path.basename(file));
}

export async function runCheckSchema(argv: readonly string[], io: CliIo): Promise<number> {
  try {
    let values;
    try {
      ({ values } = parseArgs({
        args: [...argv],
        options: {
          base: { type: 'string' },
          supergraph: { type: 'string' },
          acknowledgements: { type: 'string' },
          help: { type: 'boolean', short: 'h' },
        },
        strict: true,
        allowPositionals: false,
      }));
    } catch (error) {
      throw new UsageError(error instanceof Error ? error.message : String(error));
    }
    if (values.help) {
      io.stdout(HELP);
      return EXIT.ok;
    }
    const base = resolveBase(io, values.base);
    const baseSdl = git(io.cwd, ['show', `${base.commit}:${SUPERGRAPH}`]);
    if (baseSdl === null) throw new UsageError(`${base.ref} (${base.commit.slice(0, 7)}) has no ${SUPERGRAPH} to compare with`);
    const currentFile = path.resolve(io.cwd, values.supergraph ?? SUPERGRAPH);
    const currentSdl = readText(currentFile, 'the supergraph');
    const acknowledgementsFile = path.resolve(io.cwd, values.acknowledgements ?? ACKNOWLEDGEMENTS);
    const acknowledgements = readAcknowledgements(acknowledgementsFile, values.acknowledgements !== undefined);
    const result = await checkSupergraphs(baseSdl, currentSdl, acknowledgements);
    const against = `${base.ref} (${base.commit.slice(0, 7)})`;
    io.stdout(formatReport(result, against, path.relative(io.cwd, acknowledgementsFile) || acknowledgementsFile));
    return result.failed ? EXIT.breaking : EXIT.ok;
  } catch (error) {
    if (error instanceof UsageError || error instanceof AcknowledgementsError || error instanceof SupergraphError) {
      io.stderr(`${error.message}\n`);
      if (error instanceof UsageError) io.stderr('Run `npm run check:schema -- --help` for the options.\n');
      io.stderr('check:schema: could not compare (usage error)\n');
      return EXIT.usage;
    }
    throw error;
  }
}

if (require.main === module) {
  runCheckSchema(process.argv.slice(2), {
    cwd: ROOT,
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
  }).then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\ncheck:schema: crashed\n`);
      process.exitCode = EXIT.usage;
    },
  );
}
