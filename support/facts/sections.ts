// Names of the snapshot's sections, and how a check asks whether the one it needs failed.
import type { HostFacts, SectionError } from './types.ts';

/** Section names as they appear in HostFacts.errors[].section. */
export type SectionName =
  | 'meta'
  | 'passwd'
  | 'shadow'
  | 'group'
  | 'user-groups'
  | 'stat'
  | 'write'
  | 'units'
  | 'processes'
  | 'unit-files'
  | 'sockets'
  | 'monit'
  | 'wazo-service'
  | 'dpkg'
  | 'home'
  | 'python-local'
  | 'config-ownership'
  | 'nginx-available'
  | 'nginx-enabled'
  | 'file';

/** The error of a section (and key, e.g. a path) a check depends on, if gathering it failed. */
export function sectionError(facts: HostFacts, section: SectionName, key?: string): SectionError | undefined {
  return facts.errors.find(
    (e) => e.section === section && (key === undefined || e.key === undefined || e.key === key),
  );
}
