/**
 * Watches source folders (node:fs `watch`, recursive) and reports changed files once they have
 * been quiet for a moment: an editor's save, a formatter's rewrite and a `git checkout` each
 * arrive as a burst of events and become one change. Editor side files (swap, backup and
 * safe-write temporaries) never count.
 */
import { existsSync, watch, type FSWatcher } from 'node:fs';
import { dirname, extname, join } from 'node:path';

export interface SourceWatcherOptions {
  /** The project directory; reported paths are relative to it. */
  root: string;
  /** Folders under `root` to watch; missing ones are skipped. */
  dirs: string[];
  /** Quiet time before a burst of events is reported (default 300 ms). */
  debounceMs?: number;
  /** Changed files, relative to `root`, sorted, once per burst. */
  onChange(files: string[]): void;
  onError?(error: Error): void;
}

export interface SourceWatcher {
  close(): void;
}

/** Folders that are never sources, wherever they sit. */
const IGNORED_DIRS = new Set(['node_modules', '.git', 'cdk.out', 'dist', 'coverage']);

/**
 * Whether a changed path is an editor or tool side file rather than a source: hidden files
 * (`.foo.ts.swp`, emacs `.#lock`), vim swap files and its `4913` write probe, `~` and `.bak`
 * backups, emacs `#autosave#`, JetBrains `___jb_tmp___`/`___jb_old___`, `.tmp` files written
 * before a rename, and anything under node_modules, .git or cdk.out.
 */
export function isIgnoredSourcePath(path: string): boolean {
  const parts = path.split(/[\\/]/).filter(Boolean);
  if (parts.slice(0, -1).some((p) => IGNORED_DIRS.has(p) || p.startsWith('.'))) return true;
  const name = parts.at(-1) ?? '';
  return name === '' || IGNORED_DIRS.has(name) || name.startsWith('.') || name === '4913' || /~$|^#.*#$|\.sw[a-p]$|\.swx$|\.bak$|\.orig$|___jb_(tmp|old)___$|\.tmp$|\.tmp[.-]\w+$/.test(name);
}

export function watchSources(options: SourceWatcherOptions): SourceWatcher {
  const debounceMs = options.debounceMs ?? 300;
  const pending = new Set<string>();
  let timer: NodeJS.Timeout | undefined;
  const flush = () => {
    timer = undefined;
    const files = [...pending].sort();
    pending.clear();
    if (files.length === 0) return;
    // Tools that save through a temporary file renamed into place (sed -i's `sedXXXXXX`) may be
    // all the watcher names: still a change, reported as its folder.
    const named = files.filter((f) => extname(f) !== '' || existsSync(join(options.root, f)));
    options.onChange(named.length > 0 ? named : [...new Set(files.map((f) => `${dirname(f)}/`))]);
  };
  const watchers: FSWatcher[] = [];
  for (const dir of options.dirs) {
    const absolute = join(options.root, dir);
    if (!existsSync(absolute)) continue;
    const watcher = watch(absolute, { recursive: true }, (_event, file) => {
      // Some platforms report no file name: count it as the folder itself changing.
      const relative = file ? join(dir, file.toString()) : dir;
      if (isIgnoredSourcePath(relative)) return;
      pending.add(relative);
      clearTimeout(timer);
      timer = setTimeout(flush, debounceMs);
    });
    watcher.on('error', (error) => options.onError?.(error));
    watchers.push(watcher);
  }
  return {
    close() {
      clearTimeout(timer);
      pending.clear();
      for (const w of watchers) w.close();
    },
  };
}
