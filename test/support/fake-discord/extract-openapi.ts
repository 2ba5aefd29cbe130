// Regenerates test/data/discord-openapi-requests.json: the request-body schemas of the Discord REST
// operations the adapter uses, with every component schema they reference, taken unchanged from
// Discord's official OpenAPI description (github.com/discord/discord-api-spec, specs/openapi.json).
// Usage: npx tsx test/support/fake-discord/extract-openapi.ts <path to openapi.json> <commit>
import { readFileSync, writeFileSync } from 'node:fs';

type Json = Record<string, unknown>;
const [, , specPath, commit] = process.argv;
const spec = JSON.parse(readFileSync(specPath!, 'utf8')) as {
  openapi: string; info: { version: string }; paths: Record<string, Record<string, { requestBody: { content: Record<string, { schema: unknown }> } }>>;
  components: { schemas: Record<string, unknown> };
};
const OPERATIONS = [
  ['post', '/channels/{channel_id}/messages'],
  ['patch', '/channels/{channel_id}/messages/{message_id}'],
  ['post', '/interactions/{interaction_id}/{interaction_token}/callback'],
  ['post', '/webhooks/{webhook_id}/{webhook_token}'],
  ['patch', '/webhooks/{webhook_id}/{webhook_token}/messages/@original'],
  ['patch', '/webhooks/{webhook_id}/{webhook_token}/messages/{message_id}'],
  ['put', '/applications/{application_id}/guilds/{guild_id}/commands'],
  ['put', '/applications/{application_id}/commands'],
  ['post', '/users/@me/channels'],
  ['post', '/channels/{channel_id}/messages/{message_id}/threads'],
];
const operations: Json = {};
const needed = new Set<string>();
const collect = (node: unknown): void => {
  if (Array.isArray(node)) {
    node.forEach(collect);
    return;
  }
  if (!node || typeof node !== 'object') return;
  for (const [k, v] of Object.entries(node)) {
    if (k === '$ref' && typeof v === 'string') {
      const name = v.replace('#/components/schemas/', '');
      if (!needed.has(name)) { needed.add(name); collect(spec.components.schemas[name]); }
    } else collect(v);
  }
};
for (const [method, path] of OPERATIONS) {
  const schema = spec.paths[path!]![method!]!.requestBody.content['application/json']!.schema;
  operations[`${method!.toUpperCase()} ${path!}`] = schema;
  collect(schema);
}
const schemas = Object.fromEntries([...needed].sort().map((n) => [n, spec.components.schemas[n]]));
writeFileSync(new URL('../../data/discord-openapi-requests.json', import.meta.url), `${JSON.stringify({
  source: `https://github.com/discord/discord-api-spec/blob/${commit ?? 'main'}/specs/openapi.json`,
  openapi: spec.openapi, apiVersion: spec.info.version, operations, components: { schemas },
}, null, 1)}\n`);
