/**
 * Which `adder` executable serves the language server: the `adder.path` setting, else `adder`
 * on `PATH`, else a workspace's `target/release/adder` (a checkout of Adder itself). Pure: the
 * file system and environment come in as arguments, so the tests need neither.
 */
import * as path from 'path';

export interface ResolveInput {
  /** The `adder.path` setting ("" when unset). */
  setting: string;
  /** The `PATH` environment variable. */
  envPath: string;
  /** Workspace folder paths, in order. */
  workspaceFolders: string[];
  /** The home directory, for `~`. */
  home: string;
  /** `win32` looks for `adder.exe` and splits `PATH` on `;`. */
  platform: string;
  /** Whether `p` is an executable file. */
  isExecutable: (p: string) => boolean;
}

export type Resolved =
  | { ok: true; path: string; source: 'setting' | 'PATH' | 'workspace' }
  | { ok: false; message: string };

function pathApi(platform: string): typeof path.posix {
  return platform === 'win32' ? path.win32 : path.posix;
}

/** Expands `~` and makes a relative setting absolute against the first workspace folder. */
export function expandSetting(setting: string, input: Pick<ResolveInput, 'home' | 'workspaceFolders' | 'platform'>): string {
  const p = pathApi(input.platform);
  let s = setting.trim();
  if (s === '~' || s.startsWith('~/') || s.startsWith('~\\')) {
    s = p.join(input.home, s.slice(1));
  }
  if (!p.isAbsolute(s) && s.includes(p.sep) && input.workspaceFolders.length > 0) {
    s = p.join(input.workspaceFolders[0], s);
  }
  return s;
}

/** Looks `name` up on `PATH` as a shell would. */
export function findOnPath(name: string, input: Pick<ResolveInput, 'envPath' | 'platform' | 'isExecutable'>): string | undefined {
  const p = pathApi(input.platform);
  const sep = input.platform === 'win32' ? ';' : ':';
  const names = input.platform === 'win32' && !name.toLowerCase().endsWith('.exe') ? [name + '.exe', name] : [name];
  for (const dir of input.envPath.split(sep)) {
    if (dir === '') {
      continue;
    }
    for (const n of names) {
      const candidate = p.join(dir, n);
      if (input.isExecutable(candidate)) {
        return candidate;
      }
    }
  }
  return undefined;
}

export function resolveServerPath(input: ResolveInput): Resolved {
  const p = pathApi(input.platform);
  const exe = input.platform === 'win32' ? 'adder.exe' : 'adder';
  if (input.setting.trim() !== '') {
    const expanded = expandSetting(input.setting, input);
    // A bare name ("adder-dev") is looked up on PATH, like a shell command.
    if (!expanded.includes(p.sep) && !expanded.includes('/')) {
      const found = findOnPath(expanded, input);
      return found
        ? { ok: true, path: found, source: 'setting' }
        : { ok: false, message: `adder.path is "${input.setting}", which is not on PATH.` };
    }
    return input.isExecutable(expanded)
      ? { ok: true, path: expanded, source: 'setting' }
      : { ok: false, message: `adder.path is "${input.setting}", but ${expanded} is not an executable file.` };
  }
  const onPath = findOnPath('adder', input);
  if (onPath) {
    return { ok: true, path: onPath, source: 'PATH' };
  }
  for (const folder of input.workspaceFolders) {
    const candidate = p.join(folder, 'target', 'release', exe);
    if (input.isExecutable(candidate)) {
      return { ok: true, path: candidate, source: 'workspace' };
    }
  }
  return {
    ok: false,
    message:
      'Cannot find the adder executable: set adder.path, put adder on PATH, or build it (cargo build --release) in the workspace.',
  };
}
