import { Document, isMap, Scalar, visit } from 'yaml';
import { z } from 'zod';
import type { PlanFormat } from './parse.js';
import { beheerplanSchema, type Beheerplan } from './schema.js';

/**
 * Where editors find the JSON Schema. Relative, so it works when the schema (from
 * `npm run --silent admin -- beheerplan schema`) is saved next to the plan; pass a URL to override.
 */
export const SCHEMA_FILE = 'beheerplan.schema.json';

/** The JSON Schema of the file for editors (defaults are optional: io 'input'). */
export function beheerplanJsonSchema(): string {
  return JSON.stringify(z.toJSONSchema(beheerplanSchema, { io: 'input' }), null, 2);
}

/** The plan as file text. Comments are not kept: an export is the plan as the bot understands it. */
export function formatPlan(plan: Beheerplan, format: PlanFormat, schemaUrl: string = SCHEMA_FILE): string {
  if (format === 'json') return `${JSON.stringify({ $schema: schemaUrl, ...plan }, null, 2)}\n`;
  const doc = new Document(plan);
  doc.commentBefore = ` yaml-language-server: $schema=${schemaUrl}`;
  // A blank line between top-level sections, as people write it by hand.
  if (isMap(doc.contents)) {
    doc.contents.items.forEach((pair, i) => {
      if (i > 0 && pair.key && typeof pair.key === 'object') (pair.key as { spaceBefore?: boolean }).spaceBefore = true;
    });
  }
  // "10:00" unquoted is the number 600 to YAML 1.1 tools; quote times so every editor reads text.
  visit(doc, {
    Scalar(_key, node) {
      if (typeof node.value === 'string' && /^\d{1,2}:\d{2}$/.test(node.value)) node.type = Scalar.QUOTE_DOUBLE;
    },
  });
  return doc.toString({ lineWidth: 0 });
}

export function planFileName(complexName: string, format: PlanFormat): string {
  const slug = complexName.normalize('NFKD').replace(/[\u0300-\u036f]/g, '').toLowerCase()
    .replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '') || 'complex';
  return `beheerplan-${slug}.${format === 'json' ? 'json' : 'yaml'}`;
}
