// Validates raw catalog data against fixtures/services.schema.json plus the rules a schema cannot say.
import type { ValidateFunction } from 'ajv';
import { compileSchema, schemaProblems } from './schema-problems.ts';
import type { Labeler } from './schema-problems.ts';
import { CHECKLIST_ITEMS } from './types.ts';
import type { ServiceEntry } from './types.ts';

const SCHEMA_URL = new URL('../../fixtures/services.schema.json', import.meta.url);

let compiled: ValidateFunction | undefined;

/** Every problem in the data, one line each, e.g. `services[3] (wazo-dird).http.port: "abc" is not allowed: ...`. */
export function catalogProblems(data: unknown): string[] {
  const validate = (compiled ??= compileSchema(SCHEMA_URL));
  if (!validate(data)) return schemaProblems(validate.errors ?? [], 'catalog', serviceLabeler(data));
  const services = (data as { services: ServiceEntry[] }).services;
  return services.flatMap((service, index) => ruleProblems(service, index, services));
}

function serviceLabeler(data: unknown): Labeler {
  return (parts) => {
    if (parts.length !== 2 || parts[0] !== 'services') return '';
    const services = (data as { services?: unknown } | null)?.services;
    const entry = Array.isArray(services)
      ? (services[Number(parts[1])] as { name?: unknown } | undefined)
      : undefined;
    return typeof entry?.name === 'string' ? ` (${entry.name})` : '';
  };
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
