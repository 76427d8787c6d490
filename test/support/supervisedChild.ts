import { appendFileSync, readFileSync } from 'node:fs';
import { createServer } from 'node:http';

/**
 * A tiny process for the supervisor's tests, in place of a subgraph: each start appends a line to
 * CHILD_LOG (its start number, pid, time, CG_STORE_MUST_EXIST, Node's flags) and then does what CHILD_PLAN says for
 * that start (`exit:<code>` or `serve`, comma-separated; the last one repeats). Serving, it answers
 * 200 on CHILD_PORT and ends on SIGTERM.
 */
const log = process.env.CHILD_LOG as string;
let starts = 0;
try {
  starts = readFileSync(log, 'utf8').split('\n').filter(Boolean).length;
} catch {
  // first start
}
appendFileSync(
  log,
  `${JSON.stringify({ start: starts + 1, pid: process.pid, at: Date.now(), mustExist: process.env.CG_STORE_MUST_EXIST ?? null, execArgv: process.execArgv })}\n`,
);
const plan = (process.env.CHILD_PLAN ?? 'serve').split(',');
const action = plan[Math.min(starts, plan.length - 1)] as string;
if (action.startsWith('exit:')) {
  process.stderr.write(`planned exit ${action.slice(5)}\n`);
  process.exit(Number(action.slice(5)));
}
const server = createServer((_request, response) => response.end('{"status":"ok"}'));
server.listen(Number(process.env.CHILD_PORT), '127.0.0.1');
process.on('SIGTERM', () => server.close(() => process.exit(0)));
