import { readFileSync } from 'node:fs';
import Ajv from 'ajv';
import { parse } from 'yaml';

/**
 * OHD.yaml (the VERA ketenproces Onderhoud, kept next to this file) as validators: the request body
 * schema of an operation, the declared header parameters, and a strict check that refuses properties
 * the spec does not declare (as a strict server would; OpenAPI 3.0 schemas allow them by default).
 */

type Schema = { $ref?: string; allOf?: Schema[]; oneOf?: Schema[]; properties?: Record<string, Schema>; items?: Schema; type?: string; format?: string };
interface Parameter { $ref?: string; name?: string; in?: string; schema?: Schema; required?: boolean }
interface Operation { parameters?: Parameter[]; requestBody?: { content: Record<string, { schema: Schema }> }; security?: Record<string, string[]>[] }
interface Spec {
  info: { version: string };
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, Schema>; parameters: Record<string, Parameter>; securitySchemes: Record<string, { type: string; flows?: Record<string, { tokenUrl: string; scopes: Record<string, string> }> }> };
}

export const ohd = parse(readFileSync(new URL('./OHD.yaml', import.meta.url), 'utf8')) as Spec;

const ajv = new Ajv({ allErrors: true, unknownFormats: ['float', 'double', 'int32', 'int64', 'byte', 'binary', 'duration'], format: 'full' });
ajv.addSchema({ $id: 'ohd', components: ohd.components }, 'ohd');

const validators = new Map<string, Ajv.ValidateFunction>();
function validatorFor(ref: string): Ajv.ValidateFunction {
  if (!validators.has(ref)) validators.set(ref, ajv.compile({ $ref: `ohd${ref}` }));
  return validators.get(ref)!;
}

function resolve(s: Schema): Schema {
  return s.$ref ? resolve(ohd.components.schemas[s.$ref.replace('#/components/schemas/', '')]!) : s;
}

function declared(s: Schema): Record<string, Schema> {
  const r = resolve(s);
  const parts: Record<string, Schema>[] = [r.properties ?? {}, ...(r.allOf ?? []).map(declared), ...(r.oneOf ?? []).map(declared)];
  return Object.fromEntries(parts.flatMap((p) => Object.entries(p)));
}

/** Paths of properties in `value` that the schema does not declare. */
export function undeclared(value: unknown, s: Schema, path = ''): string[] {
  const r = resolve(s);
  if (Array.isArray(value)) return value.flatMap((v, i) => undeclared(v, r.items ?? {}, `${path}[${i}]`));
  if (value === null || typeof value !== 'object') return [];
  const props = declared(r);
  return Object.entries(value).flatMap(([k, v]) => (props[k] ? undeclared(v, props[k], `${path}.${k}`) : [`${path}.${k}`]));
}

export function operation(path: string, method: string): Operation {
  const op = ohd.paths[path]?.[method.toLowerCase()];
  if (!op) throw new Error(`OHD.yaml has no ${method} ${path}`);
  return op;
}

/** Problems with a JSON request body for the operation (empty: valid and nothing undeclared). */
export function bodyProblems(path: string, method: string, body: unknown): string[] {
  const schema = operation(path, method).requestBody?.content['application/json']?.schema;
  if (!schema) return ['the operation takes no JSON body'];
  const validate = validatorFor(schema.$ref!);
  const problems = validate(body) ? [] : (validate.errors ?? []).map((e) => `${e.dataPath} ${e.message ?? ''}`);
  return [...problems, ...undeclared(body, schema).map((p) => `${p} is not in the spec`)];
}

/** Problems with the headers the operation declares (X-Stuurgegevens-…): their types and formats. */
export function headerProblems(path: string, method: string, headers: Record<string, string | string[] | undefined>): string[] {
  const out: string[] = [];
  for (const p of operation(path, method).parameters ?? []) {
    const param = p.$ref ? ohd.components.parameters[p.$ref.replace('#/components/parameters/', '')]! : p;
    if (param.in !== 'header') continue;
    const value = headers[param.name!.toLowerCase()];
    if (value === undefined) {
      if (param.required) out.push(`header ${param.name} missing`);
      continue;
    }
    const validate = ajv.compile(resolve(param.schema ?? {}));
    if (!validate(value)) out.push(`header ${param.name}: ${validate.errors?.[0]?.message ?? 'invalid'}`);
  }
  return out;
}

/** The scopes an operation requires under OAuth2 (any one of them suffices). */
export function requiredScopes(path: string, method: string): string[] {
  return (operation(path, method).security ?? []).flatMap((s) => s.OAuth2 ?? []);
}
