import { readFileSync } from 'node:fs';
import Ajv, { type ValidateFunction } from 'ajv';

/**
 * Request bodies checked against Discord's official OpenAPI description (discord/discord-api-spec,
 * specs/openapi.json; the subset the adapter uses is in test/data/discord-openapi-requests.json with
 * its source commit). The docs' limit of 2,000 characters of message content is stricter than the
 * spec's 4,000 and is checked on top.
 */
interface Subset { source: string; operations: Record<string, unknown>; components: unknown }

const subset = JSON.parse(readFileSync(new URL('../../data/discord-openapi-requests.json', import.meta.url), 'utf8')) as Subset;
const ajv = new Ajv({ unknownFormats: 'ignore', allErrors: true, jsonPointers: true, logger: false });
const validators = new Map<string, ValidateFunction>();

export const OPENAPI_SOURCE = subset.source;
export const CONTENT_LIMIT = 2000;

function validator(operation: string): ValidateFunction {
  let v = validators.get(operation);
  if (!v) {
    const schema = subset.operations[operation];
    if (!schema) throw new Error(`no schema for ${operation} in the OpenAPI subset`);
    v = ajv.compile({ ...(schema), components: subset.components });
    validators.set(operation, v);
  }
  return v;
}

/** Problems with a request body ([] when valid), as Discord's 400 "Invalid Form Body" would list them. */
export function validateBody(operation: string, body: unknown): string[] {
  const v = validator(operation);
  const problems = v(body) ? [] : (v.errors ?? []).map((e) => `${e.dataPath || '/'} ${e.message ?? ''}`.trim());
  const content = (body as { content?: unknown; data?: { content?: unknown } } | null);
  for (const c of [content?.content, content?.data?.content]) {
    if (typeof c === 'string' && c.length > CONTENT_LIMIT) problems.push(`/content must be ${CONTENT_LIMIT} or fewer in length (${c.length})`);
  }
  return problems;
}
