/**
 * `generate --watch`: runs again when a watched file changes. A burst of changes (an editor's save,
 * a git checkout) becomes one run, and runs never overlap. A run that fails writes nothing, so the
 * last good output stays in place.
 */
import { stat } from "node:fs/promises";
import path from "node:path";
import { watch, type FSWatcher } from "chokidar";

export const DEBOUNCE_MS = 150;

export interface Debounced {
  trigger(): void;
  /** Resolves once nothing is scheduled or running. */
  settled(): Promise<void>;
}

/**
 * Runs `task` when `delay` ms pass without another trigger. A trigger during a run schedules one
 * more run after it, so the last change is always generated. `task` reports its own failures.
 */
export function debounce(task: () => Promise<void>, delay: number): Debounced {
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> | undefined;
  let again = false;
  const start = (): void => {
    timer = undefined;
    if (running) {
      again = true;
      return;
    }
    running = task().finally(() => {
      running = undefined;
      if (again) {
        again = false;
        start();
      }
    });
  };
  return {
    trigger() {
      clearTimeout(timer);
      timer = setTimeout(start, delay);
    },
    async settled() {
      while (timer || running) await (running ?? new Promise((resolve) => setTimeout(resolve, delay)));
    },
  };
}

export interface WatchOptions {
  /** Files and folders whose changes start a run. */
  paths: string[];
  run: () => Promise<void>;
  onError: (error: Error) => void;
  delay?: number;
}

export interface Watching {
  close(): Promise<void>;
}

const isFolder = (at: string) => stat(at).then((s) => s.isDirectory(), () => false);

/**
 * A watcher for one path. A file is watched through its folder: a watch on the file itself ends
 * when the file is deleted, and an editor or a script may delete it and write it anew. A folder
 * that does not exist yet is watched through the nearest one that does, down the way to the file
 * only (a checkout or a script may create it after the watch started).
 */
async function watchPath(target: string, onChange: () => void, onError: (error: Error) => void): Promise<FSWatcher> {
  const folder = await isFolder(target);
  const file = path.resolve(target);
  let base = path.dirname(file);
  while (!(await isFolder(base)) && path.dirname(base) !== base) base = path.dirname(base);
  const onTheWay = (at: string) => at === file || file.startsWith(at.endsWith(path.sep) ? at : at + path.sep);
  const watcher = folder
    ? watch(target, { ignoreInitial: true })
    : base === path.dirname(file)
      ? watch(base, { ignoreInitial: true, depth: 0 })
      : watch(base, { ignoreInitial: true, ignored: (at) => !onTheWay(path.resolve(at)) });
  watcher.on("all", (_event, changed) => {
    if (folder || path.resolve(changed) === file) onChange();
  });
  watcher.on("error", (error) => onError(error as Error));
  await new Promise<void>((resolve) => watcher.once("ready", () => resolve()));
  return watcher;
}

/** Runs once when the watchers are ready, then after every change. */
export async function watchAndRun(options: WatchOptions): Promise<Watching> {
  const runner = debounce(options.run, options.delay ?? DEBOUNCE_MS);
  const watchers = await Promise.all(options.paths.map((p) => watchPath(p, () => runner.trigger(), options.onError)));
  runner.trigger();
  return {
    async close() {
      await Promise.all(watchers.map((w) => w.close()));
      await runner.settled();
    },
  };
}
