// NSC-19-NGINX: the service's nginx location exists, is enabled and proxies to the catalog port (the HTTPS part is NSC-19).
import type { ServiceEntry } from '../catalog/types.ts';
import { LOCATIONS_DIR } from '../facts/parsers/nginx-locations.ts';
import type { HostFacts, NginxLocation } from '../facts/types.ts';
import { decide, notApplicable, notChecked, precheck, subject } from './build-result.ts';
import type { CheckResult } from '../result.ts';

export const NGINX_ITEM = 'NSC-19-NGINX';

export function checkNginxRoute(facts: HostFacts, service: ServiceEntry, host: string): CheckResult {
  const s = subject(service, host, NGINX_ITEM);
  const route = service.http?.nginx;
  // A file nginx would refuse is a failed section of its own key: only the daemon whose file it is is not checked.
  const early = precheck(facts, s, [
    { section: 'nginx-available', keys: route ? [route.file] : [] },
    { section: 'nginx-enabled' },
  ]);
  if (early) return early;
  if (!route || !service.http) return notApplicable(s, 'the catalog lists no nginx location for it');
  const port = service.http.port;
  const inFile = facts.nginxLocations.filter((l) => l.file === route.file);
  const location = inFile.find((l) => l.prefix === route.prefix && l.modifier !== '=');
  const evidence = inFile.map(locationLine);
  if (!location) {
    const where = `${LOCATIONS_DIR}/${route.file}`;
    return decide(s, [`nginx location ${route.prefix}: expected in ${where}, found none`], evidence, '');
  }
  const mismatches: string[] = [];
  if (!location.enabled)
    mismatches.push(
      `nginx location ${route.prefix}: expected enabled (https-enabled/${route.file}), found not enabled`,
    );
  // Wazo's files hold narrower ^~ blocks (/api/confd/1.1/guests...) beside the generic one: all go to the daemon.
  const narrower = inFile.filter(
    (l) => l !== location && !isRegex(l) && l.prefix.startsWith(route.prefix) && l.prefix !== route.prefix,
  );
  const unread: string[] = [];
  for (const l of [location, ...narrower]) {
    const what = `nginx location ${l === location ? route.prefix : `${l.modifier ? `${l.modifier} ` : ''}${l.prefix}`}`;
    if (l.proxyPass === undefined && l.includes !== undefined) {
      unread.push(
        `${what} has no proxy_pass of its own and includes ${l.includes.join(', ')}, which the snapshot does not read`,
      );
      continue;
    }
    const expected = l === location ? `http://127.0.0.1:${port}/` : `http://127.0.0.1:${port}/...`;
    if (!proxiesTo(l.proxyPass, port))
      mismatches.push(`${what} proxy_pass: expected ${expected}, found ${l.proxyPass ?? 'none'}`);
  }
  if (mismatches.length === 0 && unread.length > 0) return notChecked(s, unread.join('; '), evidence);
  const also =
    narrower.length === 0
      ? ''
      : ` and ${narrower.length} narrower location${narrower.length === 1 ? '' : 's'} to the same port`;
  return decide(
    s,
    mismatches,
    evidence,
    `nginx ${route.prefix} proxies to ${location.proxyPass ?? ''} (the catalog port ${port})${also}`,
  );
}

function isRegex(l: NginxLocation): boolean {
  return l.modifier === '~' || l.modifier === '~*';
}

function proxiesTo(proxyPass: string | undefined, port: number): boolean {
  const m = /^https?:\/\/([^/:]+):(\d+)(\/|$)/.exec(proxyPass ?? '');
  return m !== null && Number(m[2]) === port && ['127.0.0.1', 'localhost'].includes(m[1] ?? '');
}

function locationLine(l: NginxLocation): string {
  const modifier = l.modifier ? `${l.modifier} ` : '';
  const includes = l.includes ? ` include=${l.includes.join(',')}` : '';
  return `nginx ${l.file}: location ${modifier}${l.prefix} proxy_pass=${l.proxyPass ?? 'none'}${includes} ${l.enabled ? 'enabled' : 'not enabled'}`;
}
