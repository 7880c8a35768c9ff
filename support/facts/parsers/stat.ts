// Parses the snapshot's stat of one path: "%F\t%U\t%G\t%u\t%g\t%a\t%s" and, for a symlink, its target.
import type { FileStat } from '../types.ts';
import { toInt, unparsable } from './parse-error.ts';

const TYPES: Record<string, FileStat['type']> = {
  'regular file': 'file',
  'regular empty file': 'file',
  directory: 'directory',
  'symbolic link': 'symlink',
  socket: 'socket',
  fifo: 'fifo',
};

/** stat's own words for "there is nothing at this path" (ENOENT, ENOTDIR). */
const ABSENT = /No such file or directory|Not a directory/;

export function parseStat(path: string, stdout: string, stderr: string, rc: number): FileStat {
  if (rc !== 0 && ABSENT.test(stderr)) return { path, exists: false };
  const [first = '', target] = stdout.split('\n');
  const fields = first.split('\t');
  const [typeText = '', owner, group, uidText, gidText, modeText = '', sizeText] = fields;
  const uid = toInt(uidText);
  const gid = toInt(gidText);
  const size = toInt(sizeText);
  if (rc !== 0 || fields.length !== 7 || uid === undefined || gid === undefined || size === undefined) {
    throw unparsable(`stat ${path}`, rc !== 0 ? stderr || `exit status ${rc}` : first, 1);
  }
  const type = TYPES[typeText] ?? 'other';
  const stat: FileStat = {
    path,
    exists: true,
    type,
    owner,
    group,
    uid,
    gid,
    mode: modeText.padStart(4, '0'),
    size,
  };
  if (type === 'symlink' && target !== undefined) stat.target = target;
  return stat;
}
