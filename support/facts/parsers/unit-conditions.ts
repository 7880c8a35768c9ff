// Parses the unit-conditions section: "U<TAB>UNIT<TAB>" + busctl's reply for the unit's Conditions property, e.g.
// `a(sbbsi) 1 "ConditionPathExists" false true "/var/lib/wazo/disabled" 1` (systemctl show prints "[unprintable]").
import { numberedLines, unparsable } from './parse-error.ts';

export interface UnitCondition {
  /** ConditionPathExists, ConditionVirtualization... */
  type: string;
  /** A triggering condition (`|` prefix): any one of them suffices. */
  trigger: boolean;
  /** `!` prefix. */
  negate: boolean;
  parameter: string;
}

const TOKEN = /"(?:[^"\\]|\\.)*"|\S+/g;

export function parseUnitConditions(stdout: string): Map<string, UnitCondition[]> {
  const conditions = new Map<string, UnitCondition[]>();
  for (const { line, lineNo } of numberedLines(stdout)) {
    const [tag, unit, reply] = line.split('\t');
    if (tag !== 'U' || !unit || reply === undefined) throw unparsable('unit conditions', line, lineNo);
    const parsed = parseReply(reply);
    if (!parsed) throw unparsable('unit conditions', line, lineNo);
    conditions.set(unit, parsed);
  }
  return conditions;
}

function parseReply(reply: string): UnitCondition[] | undefined {
  const tokens = reply.match(TOKEN) ?? [];
  const [signature, count, ...rest] = tokens;
  const n = Number(count);
  if (signature !== 'a(sbbsi)' || !Number.isInteger(n) || rest.length !== n * 5) return undefined;
  const list: UnitCondition[] = [];
  for (let i = 0; i < rest.length; i += 5) {
    const [type, trigger, negate, parameter] = rest.slice(i, i + 4).map((t) => t ?? '');
    if (!isQuoted(type!) || !isBool(trigger!) || !isBool(negate!) || !isQuoted(parameter!)) return undefined;
    list.push({
      type: unquote(type!),
      trigger: trigger === 'true',
      negate: negate === 'true',
      parameter: unquote(parameter!),
    });
  }
  return list;
}

const isQuoted = (token: string) => token.length >= 2 && token.startsWith('"') && token.endsWith('"');
const isBool = (token: string) => token === 'true' || token === 'false';

function unquote(token: string): string {
  return token.slice(1, -1).replace(/\\(.)/g, '$1');
}

/** How a condition reads in a unit file: ConditionPathExists=!/var/lib/wazo/disabled. */
export function conditionText(c: UnitCondition): string {
  return `${c.type}=${c.trigger ? '|' : ''}${c.negate ? '!' : ''}${c.parameter}`;
}
