// A manifest of the lab's files (type, owner, mode, size, mtime, content hash) and unit start times, and their diff.

/** What the read-only guarantee covers. */
export const MANIFEST_ROOTS = ['/etc', '/var/lib', '/usr', '/run', '/var/log'] as const;

/**
 * What an SSH login itself changes, whoever logs in: sshd's per-session state and utmp/wtmp/btmp/lastlog,
 * logind's and the user manager's session records, the journal (sshd and sudo log every session).
 */
export const EXCLUDED = [
  '/var/log/journal',
  '/run/log/journal',
  '/var/log/wtmp',
  '/var/log/btmp',
  '/var/log/lastlog',
  '/run/utmp',
  '/run/sshd',
  '/run/user',
  '/run/systemd/sessions',
  '/run/systemd/users',
  '/run/systemd/transient',
  '/run/systemd/units',
] as const;

/** sh that prints one line per file: path TAB type TAB owner TAB group TAB mode TAB size TAB mtime TAB md5 ('-' unless a file). */
export function manifestScript(): string {
  const prune = EXCLUDED.map((path) => `-path '${path}'`).join(' -o ');
  return [
    `find ${MANIFEST_ROOTS.join(' ')} -xdev \\( ${prune} \\) -prune -o -printf '%p\\t%y\\t%u\\t%g\\t%m\\t%s\\t%T@\\n' | sort > /dev/shm/wla-manifest.a`,
    `find ${MANIFEST_ROOTS.join(' ')} -xdev \\( ${prune} \\) -prune -o -type f -print0 | xargs -0 -r md5sum | awk '{ h = $1; sub(/^[0-9a-f]+  /, ""); print $0 "\\t" h }' | sort > /dev/shm/wla-manifest.b`,
    `join -t "$(printf '\\t')" -a 1 -e - -o auto /dev/shm/wla-manifest.a /dev/shm/wla-manifest.b`,
    'rm -f /dev/shm/wla-manifest.a /dev/shm/wla-manifest.b',
  ].join('\n');
}

/** sh that prints `unit ActiveEnterTimestamp` for every loaded unit. */
export const UNIT_TIMES_SCRIPT =
  "systemctl show --all -p Id,ActiveEnterTimestamp '*' | awk -F= '/^Id=/ { id = $2 } /^ActiveEnterTimestamp=/ { print id \" \" $2 }' | sort";

/** Lines keyed by their first tab (or space) field: what was added, removed or changed, one line each. */
export function diffManifests(before: string, after: string, separator = '\t'): string[] {
  const index = (text: string) =>
    new Map(
      text
        .split('\n')
        .filter((line) => line !== '')
        .map((line) => [line.split(separator)[0]!, line] as const),
    );
  const a = index(before);
  const b = index(after);
  const changes: string[] = [];
  for (const [key, line] of a) {
    const now = b.get(key);
    if (now === undefined) changes.push(`removed ${line}`);
    else if (now !== line) changes.push(`changed ${line} -> ${now}`);
  }
  for (const [key, line] of b) if (!a.has(key)) changes.push(`added ${line}`);
  return changes;
}
