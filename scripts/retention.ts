import { parseArgs } from 'node:util';
import { configOrExit } from '../shared/process';
import { fixedClock, systemClock, todayOf, type Clock } from '../shared/clock';
import { isCalendarDate } from '../shared/ingest/fields';
import { recordSettingsOf } from '../shared/ingest/settings';
import { describeRetention, retentionListsOf, runRetention } from '../shared/ingest/retention';
import { openStore } from '../shared/store';
import { SUBGRAPH_NAMES, SUBGRAPH_MODULES, type SubgraphName } from '../subgraphs';

const USAGE = `usage: npm run retention -- (--sector <name> | --all) [--today YYYY-MM-DD [--allow-future]]

Runs the retention job once, now, on the stores of the configuration: deletes the records whose
retention has ended (negative or withdrawn), with all their versions and notices, leaving tombstones,
and prints what it removed. --today judges retention on another day than today (China time); a day
after today deletes records before their time and needs --allow-future. An embedded store that a
running stack holds cannot be opened: there the stack's own schedule (CG_RETENTION_SCHEDULE) runs it.
`;

function fail(message: string, usage = true): never {
  process.stderr.write(`retention: ${message}\n${usage ? `\n${USAGE}` : ''}`);
  process.exit(2);
}

/** The subgraphs whose record types authorities submit: those the job has work in. */
const WITH_RETENTION = SUBGRAPH_NAMES.filter((name) => retentionListsOf(SUBGRAPH_MODULES[name]).length > 0);

function clockFor(today: string | undefined, allowFuture: boolean): Clock {
  if (today === undefined) return systemClock;
  if (!isCalendarDate(today)) fail(`--today must be a calendar day YYYY-MM-DD, got "${today.slice(0, 20)}"`);
  if (today > todayOf(systemClock) && !allowFuture) fail(`--today ${today} is after today (${todayOf(systemClock)}): it would delete records before their retention ends; add --allow-future to mean it`, false);
  // Noon in China of that day.
  return fixedClock(`${today}T04:00:00Z`);
}

async function main(): Promise<void> {
  let values: { sector?: string; all?: boolean; today?: string; 'allow-future'?: boolean; help?: boolean };
  try {
    ({ values } = parseArgs({
      options: { sector: { type: 'string' }, all: { type: 'boolean' }, today: { type: 'string' }, 'allow-future': { type: 'boolean' }, help: { type: 'boolean', short: 'h' } },
    }));
  } catch (error) {
    fail((error as Error).message);
  }
  if (values.help) {
    process.stdout.write(USAGE);
    return;
  }
  if (Boolean(values.sector) === Boolean(values.all)) fail('name one --sector, or --all');
  if (values.sector !== undefined && !(WITH_RETENTION as readonly string[]).includes(values.sector)) {
    fail(`"${values.sector.slice(0, 40)}" is not a subgraph with submitted record types (those: ${WITH_RETENTION.join(', ')})`);
  }
  const names: readonly SubgraphName[] = values.all ? WITH_RETENTION : [values.sector as SubgraphName];
  const clock = clockFor(values.today, values['allow-future'] ?? false);
  const config = configOrExit('retention');
  const settings = recordSettingsOf(config.records, clock);
  let failed = false;
  for (const name of names) {
    let store;
    try {
      // An ops tool never creates a store: one that is not there has nothing to delete.
      store = await openStore(name, config.subgraphs[name].store, { mustExist: true });
    } catch (error) {
      process.stderr.write(`${name}: cannot open its store: ${(error as Error).message}\n`);
      failed = true;
      continue;
    }
    try {
      const summary = await runRetention(store.db, retentionListsOf(SUBGRAPH_MODULES[name]), settings);
      process.stdout.write(`${name}: ${describeRetention(summary)}\n`);
      for (const [type, counts] of Object.entries(summary.byType)) {
        if (counts.records > 0) process.stdout.write(`  ${type}: ${counts.records} records, ${counts.versions} versions, ${counts.notices} notices\n`);
      }
      if (summary.outcome === 'failed') failed = true;
    } finally {
      await store.close();
    }
  }
  process.exit(failed ? 1 : 0);
}

void main();
