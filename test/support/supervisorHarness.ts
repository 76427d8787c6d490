import path from 'node:path';
import { Supervisor } from '../../shared/supervisor';

/** A supervisor of one `supervisedChild.ts`, in a process of its own, for a test to kill -9. */
const supervisor = new Supervisor(
  { restartDelayMs: 50, restartDelayMaxMs: 200, stableMs: 10_000, maxQuickFailures: 3 },
  { log: (line) => process.stderr.write(`${line}\n`), output: () => undefined },
);
supervisor.start({
  name: 'child',
  entry: path.join(__dirname, 'supervisedChild.ts'),
  cwd: path.resolve(__dirname, '../..'),
  env: process.env,
  readyUrl: `http://127.0.0.1:${process.env.CHILD_PORT}/`,
});
void supervisor.ready('child', 60_000).then(() => process.stdout.write(`ready ${supervisor.pids()[0]?.pid}\n`));
