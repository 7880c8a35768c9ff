// NSC-19-NGINX: the service's nginx location exists, is enabled and proxies to the catalog port (the HTTPS part is NSC-19).
import type { ServiceEntry } from '../catalog/types.ts';
import type { HostFacts, NginxLocation } from '../facts/types.ts';
import { decide, notApplicable, precheck, subject } from './build-result.ts';
import type { CheckResult } from '../result.ts';

export const NGINX_ITEM = 'NSC-19-NGINX';

export function checkNginxRoute(facts: HostFacts, service: ServiceEntry, host: string): CheckResult {
  const s = subject(service, host, NGINX_ITEM);
  const route = service.http?.nginx;
  const early = precheck(facts, s, [
    { section: 'nginx-available', keys: route ? [route.file] : [] },
    { section: 'nginx-enabled' },
  ]);
  if (early) return early;
  if (!route || !service.http) return notApplicable(s, 'the catalog lists no nginx location for it');
  const port = service.http.port;
  const location = facts.nginxLocations.find(
    (l) => l.file === route.file && l.prefix === route.prefix && l.modifier !== '=',
  );
  const evidence = facts.nginxLocations.filter((l) => l.file === route.file).map(locationLine);
  if (!location) {
    const where = `/etc/nginx/locations/https-available/${route.file}`;
    return decide(s, [`nginx location ${route.prefix}: expected in ${where}, found none`], evidence, '');
  }
  const mismatches: string[] = [];
  if (!location.enabled)
    mismatches.push(
      `nginx location ${route.prefix}: expected enabled (https-enabled/${route.file}), found not enabled`,
    );
  const target = proxyTarget(location.proxyPass);
  if (!target || target.port !== port || !['127.0.0.1', 'localhost'].includes(target.host)) {
    mismatches.push(
      `nginx location ${route.prefix} proxy_pass: expected http://127.0.0.1:${port}/, found ${location.proxyPass ?? 'none'}`,
    );
  }
  return decide(
    s,
    mismatches,
    evidence,
    `nginx ${route.prefix} proxies to ${location.proxyPass ?? ''} (the catalog port ${port})`,
  );
}

function proxyTarget(proxyPass: string | undefined): { host: string; port: number } | undefined {
  const m = /^https?:\/\/([^/:]+):(\d+)(\/|$)/.exec(proxyPass ?? '');
  return m ? { host: m[1] ?? '', port: Number(m[2]) } : undefined;
}

function locationLine(l: NginxLocation): string {
  const modifier = l.modifier ? `${l.modifier} ` : '';
  return `nginx ${l.file}: location ${modifier}${l.prefix} proxy_pass=${l.proxyPass ?? 'none'} ${l.enabled ? 'enabled' : 'not enabled'}`;
}
