// ajv instances per JSON Schema dialect: draft-04 (Swagger 2.0, OpenAPI 3.0) and 2020-12 (OpenAPI 3.1).
import type { ErrorObject, Options } from 'ajv';
import { Ajv2020 } from 'ajv/dist/2020.js';
import ajvDraft04Module from 'ajv-draft-04';
import ajvFormatsModule from 'ajv-formats';

// CommonJS packages: under nodenext their class/function is the `default` property of the module.
const AjvDraft04 = ajvDraft04Module.default;
const addFormats = ajvFormatsModule.default;
type AnyAjv = InstanceType<typeof AjvDraft04> | Ajv2020;

/** Swagger/OpenAPI numeric and string formats that JSON Schema does not define: accepted as annotations. */
const OPENAPI_FORMATS = ['int32', 'int64', 'float', 'double', 'byte', 'binary', 'password'];

const OPTIONS: Options = { strict: false, allErrors: true, logger: false, validateSchema: false };

export type Dialect = 'draft-04' | '2020-12';

export function newAjv(dialect: Dialect): AnyAjv {
  const ajv = dialect === 'draft-04' ? new AjvDraft04(OPTIONS) : new Ajv2020(OPTIONS);
  addFormats(ajv);
  for (const format of OPENAPI_FORMATS) ajv.addFormat(format, true);
  return ajv;
}

/** `/info must have required property 'title'`; the document root is `/`. */
export function formatErrors(errors: readonly ErrorObject[] | null | undefined): string[] {
  const lines = (errors ?? []).map(
    (e) => `${e.instancePath === '' ? '/' : e.instancePath} ${e.message ?? 'is invalid'}`,
  );
  return [...new Set(lines)];
}
