// Parses the snapshot's host-wide "key=value" section (clock, boot id, uid, presence flags).
import type { WriteMethod } from '../types.ts';
import { numberedLines, toInt, unparsable } from './parse-error.ts';

export interface HostMeta {
  now?: number;
  uid?: number;
  hostname?: string;
  bootId?: string;
  pid1StartedAt?: number;
  debianVersion?: string;
  writeMethod: WriteMethod;
  shadowReadable: boolean;
  monitRunning: boolean;
  wazoDisabled: boolean;
  wazoSecondary: boolean;
  consulTokenFile: boolean;
  wazoBackup: boolean;
}

const WRITE_METHODS: readonly string[] = ['setpriv', 'runuser', 'mode-bits'];
/** Lines snapshot.sh always prints: without them the section is not the script's answer. */
const REQUIRED = ['now', 'uid', 'write_method', 'shadow_readable', 'monit_running'];

export function parseMeta(text: string): HostMeta {
  const values = new Map<string, string>();
  for (const { line, lineNo } of numberedLines(text)) {
    const eq = line.indexOf('=');
    if (eq <= 0) throw unparsable('meta', line, lineNo);
    values.set(line.slice(0, eq), line.slice(eq + 1));
  }
  for (const key of REQUIRED) {
    if (!values.has(key)) throw new Error(`meta: no ${key}= line (the snapshot script prints it on every host)`);
  }
  const text_ = (key: string): string | undefined => values.get(key) || undefined;
  const method = values.get('write_method') ?? '';
  return {
    now: toInt(values.get('now')),
    uid: toInt(values.get('uid')),
    hostname: text_('hostname'),
    bootId: text_('boot_id'),
    pid1StartedAt: toInt(values.get('pid1_started')),
    debianVersion: text_('debian_version'),
    writeMethod: WRITE_METHODS.includes(method) ? (method as WriteMethod) : 'mode-bits',
    shadowReadable: values.get('shadow_readable') === '1',
    monitRunning: values.get('monit_running') === '1',
    wazoDisabled: values.get('wazo_disabled') === '1',
    wazoSecondary: values.get('wazo_secondary') === '1',
    consulTokenFile: values.get('consul_token_file') === '1',
    wazoBackup: values.get('wazo_backup') === '1',
  };
}
