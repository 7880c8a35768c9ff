// The @online items NSC-13, NSC-15 and the doc part of NSC-17: wazo-platform.org pages must name the service.
import { applicability } from '../catalog/lookup.ts';
import type { ServiceEntry } from '../catalog/types.ts';
import { decide, notApplicable, notChecked, subject } from './build-result.ts';
import type { Subject } from './build-result.ts';
import type { CheckResult } from '../result.ts';

export const DOCS_SITE = 'https://wazo-platform.org';
export const ONLINE_TIMEOUT_MS = 3_000;

/** The subset of fetch() these checks use, so tests never touch the network. */
export type Fetcher = (
  url: string,
  init: { method: 'HEAD' | 'GET'; signal: AbortSignal; redirect: 'follow' },
) => Promise<{ ok: boolean; status: number; text(): Promise<string> }>;

export type OnlineItem = 'NSC-13' | 'NSC-15' | 'NSC-17';

/** Where each item looks (wazo-platform/wazo-platform.org:website/uc-doc/...). */
export const DOC_PAGES: Record<OnlineItem, string> = {
  'NSC-13': `${DOCS_SITE}/documentation`,
  'NSC-15': `${DOCS_SITE}/uc-doc/system/backup_restore`,
  'NSC-17': `${DOCS_SITE}/uc-doc/contributors/network`,
};

export async function checkOnline(
  item: OnlineItem,
  service: ServiceEntry,
  host: string,
  fetcher: Fetcher = fetch,
): Promise<CheckResult> {
  const s = subject(service, host, item);
  const verdict = applicability(service, item);
  if (!verdict.applies) return notApplicable(s, verdict.reason);
  const page = await fetchPage(fetcher, DOC_PAGES[item]);
  if ('unreachable' in page)
    return notChecked(
      s,
      `needs the internet: wazo-platform.org is not reachable (${page.unreachable})`,
      [],
      'ENDPOINT_UNREACHABLE',
    );
  if (!page.ok)
    return notChecked(s, `${DOC_PAGES[item]} answered ${page.status}`, [], 'ENDPOINT_UNREACHABLE');
  return judge(s, item, page.text);
}

async function fetchPage(
  fetcher: Fetcher,
  url: string,
): Promise<{ unreachable: string } | { ok: boolean; status: number; text: string }> {
  try {
    const head = await fetcher(DOCS_SITE, {
      method: 'HEAD',
      signal: AbortSignal.timeout(ONLINE_TIMEOUT_MS),
      redirect: 'follow',
    });
    if (head.status >= 500) return { unreachable: `HEAD ${DOCS_SITE} answered ${head.status}` };
    const response = await fetcher(url, {
      method: 'GET',
      signal: AbortSignal.timeout(ONLINE_TIMEOUT_MS),
      redirect: 'follow',
    });
    return { ok: response.ok, status: response.status, text: response.ok ? await response.text() : '' };
  } catch (error) {
    const cause = (error as { cause?: { code?: string } }).cause?.code;
    const name =
      (error as Error).name === 'TimeoutError'
        ? `no answer within ${ONLINE_TIMEOUT_MS} ms`
        : (error as Error).message;
    return { unreachable: cause ? `${name}: ${cause}` : name };
  }
}

function judge(s: Subject, item: OnlineItem, html: string): CheckResult {
  const { service } = s;
  const url = DOC_PAGES[item];
  if (item === 'NSC-13') {
    const short = service.name.replace(/^wazo-/, '');
    const named = html.includes(service.name) || new RegExp(`\\b${short}\\b`).test(html);
    return decide(
      s,
      named ? [] : [`${url}: expected to name ${service.name}, found no mention`],
      [`page ${url}`],
      `${url} names it`,
    );
  }
  if (item === 'NSC-15') {
    const missing = service.configPaths
      .map(topDirectory)
      .filter((dir, i, all) => all.indexOf(dir) === i && !html.includes(dir));
    const mismatches = missing.map((dir) => `${url}: expected to list ${dir}, found it absent`);
    return decide(s, mismatches, [`page ${url}`], `${url} lists its config directories`);
  }
  const rows = html.split(/<tr[\s>]/i);
  const missing = service.ports.filter(
    (p) => !rows.some((row) => row.includes(service.name) && new RegExp(`>\\s*${p.port}\\s*<`).test(row)),
  );
  const mismatches = missing.map(
    (p) => `${url}: expected a row for ${service.name} port ${p.port}, found none`,
  );
  return decide(s, mismatches, [`page ${url}`], `${url} lists its ports`);
}

/** /etc/wazo-confd/conf.d/ -> /etc/wazo-confd/ */
function topDirectory(path: string): string {
  const [, first = '', second = ''] = path.split('/');
  return second ? `/${first}/${second}/` : `/${first}`;
}
