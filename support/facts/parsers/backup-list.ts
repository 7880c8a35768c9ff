// Reads wazo-backup's data lists (BACKUP_LIST, EXCLUDE_FILES) from the script's text, without running it.
import { RemoteCommandFailed } from '../../errors.ts';

/** The words of `NAME="..."` (a double-quoted, possibly multi-line shell string) in a script. */
export function shellListVariable(script: string, name: string): string[] | undefined {
  const m = new RegExp(`(?:^|\\s)${name}="((?:[^"\\\\]|\\\\.)*)"`, 'm').exec(script);
  if (!m) return undefined;
  return (m[1] ?? '').split(/\s+/).filter((word) => word !== '');
}

export interface BackupLists {
  include: string[];
  exclude: string[];
}

/** The format is wazo-backup's bin/wazo-backup: a `data)` branch with BACKUP_LIST="path path ...". */
export function parseBackupLists(script: string): BackupLists {
  const include = shellListVariable(script, 'BACKUP_LIST');
  if (!include || include.length === 0) {
    throw new RemoteCommandFailed(
      'wazo-backup: no BACKUP_LIST="..." data list found in /usr/sbin/wazo-backup',
    );
  }
  return { include, exclude: shellListVariable(script, 'EXCLUDE_FILES') ?? [] };
}

/** Whether the data list covers a path: an entry is the path itself or a directory above it (tar archives what is below). */
export function backupCovers(list: readonly string[], path: string): boolean {
  return list.some((entry) => covers(entry, path));
}

/**
 * "/etc/wazo-confd/" and "/etc/wazo-confd" both cover /etc/wazo-confd and everything below (wazo-backup hands its
 * list to tar, which recurses whether or not the entry ends in /), but not /etc/wazo-confd-client.
 */
export function covers(entry: string, path: string): boolean {
  const root = entry.replace(/\/+$/, '');
  const target = path.replace(/\/+$/, '');
  return root === '' || target === root || target.startsWith(`${root}/`);
}
