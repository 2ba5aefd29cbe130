// Regenerates test/data/discord-openapi-requests.json: the request-body schemas of the Discord REST
// operations the adapter uses, with every component schema they reference, taken unchanged from
// Discord's official OpenAPI description (github.com/discord/discord-api-spec, specs/openapi.json).
// Usage: node test/support/fake-discord/extract-openapi.mjs <path to openapi.json> <commit>
import { readFileSync, writeFileSync } from 'node:fs';

const [, , specPath, commit] = process.argv;
const spec = JSON.parse(readFileSync(specPath, 'utf8'));
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
];
const operations = {};
const needed = new Set();
const collect = (node) => {
  if (Array.isArray(node)) return node.forEach(collect);
  if (!node || typeof node !== 'object') return;
  for (const [k, v] of Object.entries(node)) {
    if (k === '$ref' && typeof v === 'string') {
      const name = v.replace('#/components/schemas/', '');
      if (!needed.has(name)) { needed.add(name); collect(spec.components.schemas[name]); }
    } else collect(v);
  }
};
for (const [method, path] of OPERATIONS) {
  const schema = spec.paths[path][method].requestBody.content['application/json'].schema;
  operations[`${method.toUpperCase()} ${path}`] = schema;
  collect(schema);
}
const schemas = Object.fromEntries([...needed].sort().map((n) => [n, spec.components.schemas[n]]));
writeFileSync(new URL('../../data/discord-openapi-requests.json', import.meta.url), `${JSON.stringify({
  source: `https://github.com/discord/discord-api-spec/blob/${commit}/specs/openapi.json`,
  openapi: spec.openapi, apiVersion: spec.info.version, operations, components: { schemas },
}, null, 1)}\n`);
