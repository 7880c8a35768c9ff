// Validates raw catalog data against fixtures/services.schema.json plus the rules a schema cannot say.
import { readFileSync } from 'node:fs';
import { Ajv } from 'ajv';
import type { ErrorObject, ValidateFunction } from 'ajv';
import { CHECKLIST_ITEMS } from './types.ts';
import type { ServiceEntry } from './types.ts';

const SCHEMA_URL = new URL('../../fixtures/services.schema.json', import.meta.url);

let compiled: ValidateFunction | undefined;

function validator(): ValidateFunction {
  if (!compiled) {
    const schema = JSON.parse(readFileSync(SCHEMA_URL, 'utf8')) as object;
    const ajv = new Ajv({ allErrors: true, verbose: true, strict: true, allowUnionTypes: true });
    compiled = ajv.compile(schema);
  }
  return compiled;
}

/** Every problem in the data, one line each, e.g. `services[3] (wazo-dird).http.port: "abc" is not allowed: ...`. */
export function catalogProblems(data: unknown): string[] {
  const validate = validator();
  if (!validate(data)) return schemaProblems(validate.errors ?? [], data);
  const services = (data as { services: ServiceEntry[] }).services;
  return services.flatMap((service, index) => ruleProblems(service, index, services));
}

function schemaProblems(errors: readonly ErrorObject[], data: unknown): string[] {
  const byPath = new Map<string, string>();
  for (const error of errors) {
    if (error.keyword === 'propertyNames') continue;
    const { key, line } = describe(error, data);
    if (!byPath.has(key)) byPath.set(key, line);
  }
  return [...byPath.values()];
}

function describe(error: ErrorObject, data: unknown): { key: string; line: string } {
  const path = readablePath(error.instancePath, data);
  const parent = error.parentSchema as
    { description?: string; properties?: Record<string, unknown> } | undefined;
  const params = error.params as Record<string, unknown>;
  if (error.keyword === 'required') {
    const field = String(params['missingProperty']);
    return { key: `${path}.${field}`, line: `${path || 'catalog'}: missing field "${field}"` };
  }
  if (error.keyword === 'additionalProperties') {
    const field = String(params['additionalProperty']);
    const allowed = Object.keys(parent?.properties ?? {}).join(', ');
    return { key: `${path}.${field}`, line: `${join(path, field)}: unknown field; allowed: ${allowed}` };
  }
  const expected = parent?.description ?? error.message ?? 'a valid value';
  if (error.propertyName !== undefined) {
    const key = join(path, error.propertyName);
    return { key, line: `${key}: key ${JSON.stringify(error.propertyName)} is not allowed: ${expected}` };
  }
  return { key: path, line: `${path || 'catalog'}: ${render(error.data)} is not allowed: ${expected}` };
}

/** "/services/3/http/port" -> "services[3] (wazo-dird).http.port". */
function readablePath(instancePath: string, data: unknown): string {
  const parts = instancePath
    .split('/')
    .slice(1)
    .map((p) => p.replaceAll('~1', '/').replaceAll('~0', '~'));
  let text = '';
  parts.forEach((part, i) => {
    text = /^\d+$/.test(part) ? `${text}[${part}]` : join(text, part);
    if (i === 1 && parts[0] === 'services') text += serviceLabel(data, Number(part));
  });
  return text;
}

function serviceLabel(data: unknown, index: number): string {
  const services = (data as { services?: unknown } | null)?.services;
  const name = Array.isArray(services)
    ? (services[index] as { name?: unknown } | undefined)?.name
    : undefined;
  return typeof name === 'string' ? ` (${name})` : '';
}

function join(path: string, field: string): string {
  return path ? `${path}.${field}` : field;
}

function render(value: unknown): string {
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}

function ruleProblems(service: ServiceEntry, index: number, all: readonly ServiceEntry[]): string[] {
  const at = `services[${index}] (${service.name})`;
  const problems: string[] = [];
  const first = all.findIndex((s) => s.name === service.name);
  if (first !== index)
    problems.push(
      `${at}.name: "${service.name}" is not allowed: a name not used before (services[${first}])`,
    );
  problems.push(...checklistProblems(service, at));
  if (service.pidFile && !service.pidFile.path.startsWith(`${service.pidFile.dir.replace(/\/$/, '')}/`)) {
    problems.push(
      `${at}.pidFile.dir: "${service.pidFile.dir}" is not allowed: the directory holding ${service.pidFile.path}`,
    );
  }
  const http = service.http;
  if (http && !service.ports.some((p) => p.protocol === 'tcp' && p.port === http.port)) {
    const ports = service.ports.map((p) => p.port).join(', ') || 'none';
    problems.push(
      `${at}.http.port: ${http.port} is not allowed: one of the tcp ports listed in ports (${ports})`,
    );
  }
  return problems;
}

function checklistProblems(service: ServiceEntry, at: string): string[] {
  const { applies, notApplicable } = service.checklist;
  return CHECKLIST_ITEMS.flatMap((item) => {
    const inApplies = applies.includes(item);
    const inNotApplicable = Object.hasOwn(notApplicable, item);
    if (inApplies && inNotApplicable)
      return [`${at}.checklist: ${item} is in both applies and notApplicable`];
    if (!inApplies && !inNotApplicable) {
      return [
        `${at}.checklist: ${item} is missing: every item NSC-01..NSC-21 must be in applies or notApplicable`,
      ];
    }
    return [];
  });
}
