/**
 * Loaded first (`node --import tsx --import ./shared/supervised.ts <entry>`) in every process
 * `npm start` spawns, which it spawns with an IPC channel: when the supervisor dies, even by
 * `kill -9`, the channel closes, and the child shuts down as on SIGTERM (its own handlers close the
 * server and release its store), so no orphan keeps a store, a lock or a port. Nothing else is sent
 * on the channel, and it never keeps the process alive.
 */
if (process.channel) {
  process.channel.unref();
  process.once('disconnect', () => {
    process.stderr.write(`${JSON.stringify({ level: 50, msg: 'the supervisor is gone (its channel closed); shutting down' })}\n`);
    process.kill(process.pid, 'SIGTERM');
    // Whatever the entry point does on SIGTERM, it does not outlive its supervisor by long.
    setTimeout(() => process.exit(1), 10_000).unref();
  });
}

export {};
