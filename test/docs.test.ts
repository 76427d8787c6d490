import { readFileSync } from 'node:fs';
import path from 'node:path';
import { renderReadme } from '../scripts/docs';
import { DEMO_STORIES, subjectAt } from '../shared/generator/subjects';
import { loadConfig } from '../shared/config';

const README = readFileSync(path.resolve(__dirname, '../README.md'), 'utf8');

describe('the README', () => {
  it('carries the error-code and configuration tables the code generates', () => {
    expect(README).toBe(renderReadme(README));
  });

  it('names the demo subjects the default dataset really has', () => {
    const seed = loadConfig({}).demo.seed;
    for (const { index, story } of DEMO_STORIES) {
      const subject = subjectAt(seed, index);
      expect(README).toContain(`| \`${subject.code}\` | ${subject.name} | ${story} |`);
    }
  });

  it('gives exactly the two quick-start commands', () => {
    const quickStart = README.slice(README.indexOf('## Quick start'), README.indexOf('## Example queries'));
    expect([...quickStart.matchAll(/```sh\n([^`]+)```/g)].map((m) => m[1]!.trim())).toEqual(['npm ci && npm start', 'npm ci && npm test']);
  });
});
