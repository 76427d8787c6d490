import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { buildServices, currentServiceBuild, SERVICE_SOURCE_DIRS } from '../scripts/serviceBuild';
import { compiledEntry } from '../shared/supervisor';

/**
 * `npm start` and `npm run bench` run the services compiled, from a build keyed by the sources: the
 * project's own services are built once from a copy; the rules of the build (a new build for an edit,
 * one build for two starts at once, nothing left by a failed one) on a project of three files.
 */

const ROOT = path.resolve(__dirname, '..');
const roots: string[] = [];

function project(files: Readonly<Record<string, string>>): string {
  const root = mkdtempSync(path.join(tmpdir(), 'cg-build-'));
  roots.push(root);
  for (const [file, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
    writeFileSync(path.join(root, file), text);
  }
  return root;
}

const SMALL = {
  'tsconfig.json': readFileSync(path.join(ROOT, 'tsconfig.json'), 'utf8'),
  'shared/greeting.ts': "export const greeting = (name: string): string => `hello ${name}`;\n",
  'gateway/index.ts': "import { greeting } from '../shared/greeting';\nconsole.log(greeting('gateway'));\n",
  'subgraphs/demo/schema.graphql': 'type Query { hello: String }\n',
  'subgraphs/demo/test/demo.test.ts': "it('is not part of a service', () => {});\n",
};

const cacheOf = (root: string) => path.join(root, 'node_modules/.cache/credit-graph-services');

afterAll(() => {
  for (const root of roots) rmSync(root, { recursive: true, force: true });
});

describe('the build npm start runs from', () => {
  it("compiles every service of the project with its SDL once, and finds it again while the sources are unchanged", async () => {
    const root = project({});
    for (const dir of SERVICE_SOURCE_DIRS) cpSync(path.join(ROOT, dir), path.join(root, dir), { recursive: true });
    mkdirSync(path.join(root, 'bench'));
    for (const file of ['bench/stockGateway.ts', 'tsconfig.json', 'package.json']) cpSync(path.join(ROOT, file), path.join(root, file));
    const lines: string[] = [];
    const build = await currentServiceBuild((line) => lines.push(line), root);
    expect(lines).toEqual([expect.stringMatching(/^compiled the services \(\d+ files\) in \d+\.\d s$/)]);
    for (const entry of ['gateway/index.ts', ...['registry', 'finance', 'access'].map((name) => `subgraphs/${name}/index.ts`), 'shared/supervised.ts', 'bench/stockGateway.ts']) {
      expect(existsSync(compiledEntry(build, entry))).toBe(true);
    }
    expect(readFileSync(path.join(build, 'subgraphs/finance/schema.graphql'), 'utf8')).toBe(readFileSync(path.join(ROOT, 'subgraphs/finance/schema.graphql'), 'utf8'));
    expect(existsSync(path.join(build, 'shared/schema/classification.graphql'))).toBe(true);
    expect(existsSync(path.join(build, 'subgraphs/finance/test'))).toBe(false);
    expect(await currentServiceBuild((line) => lines.push(line), root)).toBe(build);
    expect(lines).toHaveLength(1);
  });

  it('runs the edited sources after an edit, never the build of the old ones, with plain Node', async () => {
    const root = project(SMALL);
    const before = await currentServiceBuild(() => {}, root);
    expect(existsSync(path.join(before, 'subgraphs/demo/schema.graphql'))).toBe(true);
    expect(existsSync(path.join(before, 'subgraphs/demo/test'))).toBe(false);
    const run = (build: string) => execFileSync(process.execPath, [compiledEntry(build, 'gateway/index.ts')], { encoding: 'utf8', env: { ...process.env, NODE_OPTIONS: '' } }).trim();
    expect(run(before)).toBe('hello gateway');
    writeFileSync(path.join(root, 'shared/greeting.ts'), "export const greeting = (name: string): string => `welcome, ${name}`;\n");
    const after = await currentServiceBuild(() => {}, root);
    expect(after).not.toBe(before);
    expect(run(after)).toBe('welcome, gateway');
  });

  it('gives two starts at once the same complete build', async () => {
    const root = project(SMALL);
    const [a, b] = await Promise.all([currentServiceBuild(() => {}, root), currentServiceBuild(() => {}, root)]);
    expect(a).toBe(b);
    expect(JSON.parse(readFileSync(path.join(a, 'build.json'), 'utf8'))).toEqual({ sources: expect.stringMatching(/^[0-9a-f]{64}$/), builtAt: expect.any(String), files: 2 });
    expect(readdirSync(cacheOf(root))).toEqual([path.basename(a)]);
  });

  it('never empties a folder that holds anything but an earlier build', async () => {
    const root = project(SMALL);
    await expect(buildServices(root, root)).rejects.toThrow(`${root} is not empty and holds no earlier build (build.json): choose another folder`);
    expect(readFileSync(path.join(root, 'shared/greeting.ts'), 'utf8')).toBe(SMALL['shared/greeting.ts']);
    const out = path.join(root, 'out');
    await buildServices(out, root);
    await buildServices(out, root);
    expect(existsSync(compiledEntry(out, 'gateway/index.ts'))).toBe(true);
  });

  it("refuses sources that do not compile, with the compiler's message, and leaves no build behind", async () => {
    const root = project({ ...SMALL, 'gateway/broken.ts': 'export const x = ;\n' });
    await expect(currentServiceBuild(() => {}, root)).rejects.toThrow(/gateway\/broken\.ts:1:\d+: ERROR: Unexpected ";"/);
    expect(readdirSync(cacheOf(root))).toEqual([]);
  });
});
