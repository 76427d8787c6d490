import { createHash } from 'node:crypto';
import { watch, type FSWatcher } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { SupergraphSdlHook } from '@apollo/gateway';
import type { GatewayObserver } from '../observe';

/**
 * The supergraph file, loaded at start and reloaded when it changes, through @apollo/gateway's
 * documented custom supergraph manager (`supergraphSdl: async ({ update }) => ({ supergraphSdl, cleanup })`).
 *
 * The file's folder is watched, not the file: editors save by writing a new file and renaming it over
 * the old one, deployments `mv` a new file into place and Kubernetes swaps a symlinked folder, and a
 * watch on the file itself would follow the old, replaced inode. Any event in the folder schedules one
 * read after a short quiet period (debounce); the file is loaded only when its content differs from
 * the loaded one. A file that cannot be read (a rename in progress) waits for the next event.
 *
 * A new file is checked by `validate` first (the gateway's own readers of the core SDL: the
 * classification and the cost directives, whose listeners must not fail on a graph Apollo accepted),
 * then handed to Apollo's `update`, which parses and loads it or throws and keeps the loaded graph
 * (verified in @apollo/gateway 2.14: `updateWithSupergraphSdl` throws before it changes anything, and
 * the gateway's state returns to `loaded`). A refused file is logged with the reason, at warn, and the
 * old graph keeps serving; every `onSchemaLoadOrUpdate` listener follows a loaded one.
 */
export interface SupergraphFileOptions {
  readonly file: string;
  /** Watch the file and reload it on change (`CG_SUPERGRAPH_WATCH`). */
  readonly watch: boolean;
  /** Throws with a reason when the SDL must not be loaded. */
  readonly validate?: (supergraphSdl: string) => void;
  readonly debounceMs?: number;
  readonly observer?: GatewayObserver;
  readonly log: {
    info(details: Record<string, unknown>, message: string): void;
    warn(details: Record<string, unknown>, message: string): void;
  };
}

const digest = (text: string) => createHash('sha256').update(text).digest('hex');

/** What one reload attempt did, for tests and logs. */
export type ReloadResult = 'loaded' | 'rejected' | 'unchanged' | 'unreadable';

export interface SupergraphFile {
  /** The hook to pass as ApolloGateway's `supergraphSdl`. */
  readonly hook: SupergraphSdlHook;
  /** Reads the file now and loads it if it changed (what a file event triggers after the debounce). */
  reload(): Promise<ReloadResult>;
}

export function supergraphFile(options: SupergraphFileOptions): SupergraphFile {
  const { file, log } = options;
  const debounceMs = options.debounceMs ?? 100;
  let loadedDigest: string | null = null;
  let update: ((supergraphSdl: string) => void) | null = null;
  let running: Promise<ReloadResult> | null = null;
  let again = false;

  const report = (outcome: 'loaded' | 'rejected') => {
    try {
      options.observer?.supergraphReload?.(outcome);
    } catch {
      // observing never changes what is loaded
    }
  };

  async function reloadOnce(): Promise<ReloadResult> {
    let sdl: string;
    try {
      sdl = await readFile(file, 'utf8');
    } catch (error) {
      log.info({ file, reason: (error as NodeJS.ErrnoException).code ?? (error as Error).message }, 'supergraph file not readable yet; the loaded graph keeps serving');
      return 'unreadable';
    }
    const id = digest(sdl);
    if (id === loadedDigest || !update) return 'unchanged';
    try {
      options.validate?.(sdl);
      update(sdl);
    } catch (error) {
      // The same broken content is not tried again until the file changes.
      loadedDigest = id;
      log.warn({ file, reason: (error as Error).message.slice(0, 500) }, 'supergraph file refused; the loaded graph keeps serving');
      report('rejected');
      return 'rejected';
    }
    loadedDigest = id;
    log.info({ file, sha256: id }, 'supergraph file reloaded');
    report('loaded');
    return 'loaded';
  }

  /** One reload at a time; a change during a reload triggers one more. */
  async function reload(): Promise<ReloadResult> {
    if (running) {
      again = true;
      return running;
    }
    running = (async () => {
      let result: ReloadResult;
      do {
        again = false;
        result = await reloadOnce();
      } while (again);
      return result;
    })();
    try {
      return await running;
    } finally {
      running = null;
    }
  }

  const hook: SupergraphSdlHook = async ({ update: apply }) => {
    let supergraphSdl: string;
    try {
      supergraphSdl = await readFile(file, 'utf8');
    } catch (error) {
      throw new Error(`cannot read the supergraph file ${file} (CG_SUPERGRAPH): ${(error as Error).message}`, { cause: error });
    }
    options.validate?.(supergraphSdl);
    loadedDigest = digest(supergraphSdl);
    update = apply;
    if (!options.watch) return { supergraphSdl };
    let timer: NodeJS.Timeout | null = null;
    let watcher: FSWatcher | null = null;
    try {
      watcher = watch(path.dirname(file), { persistent: false }, () => {
        if (timer) clearTimeout(timer);
        timer = setTimeout(() => {
          timer = null;
          void reload();
        }, debounceMs);
      });
      watcher.on('error', (error) => log.warn({ file, reason: error.message }, 'the supergraph file can no longer be watched; restart to pick up changes'));
    } catch (error) {
      log.warn({ file, reason: (error as Error).message }, 'the supergraph file cannot be watched; changes need a restart');
    }
    return {
      supergraphSdl,
      cleanup: async () => {
        if (timer) clearTimeout(timer);
        watcher?.close();
        update = null;
      },
    };
  };

  return { hook, reload };
}
