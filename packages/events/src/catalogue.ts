import { z } from 'zod';
import type { EventDefinition } from '@cppcc/kit';
import * as contracts from './index.js';

type JsonSchema = {
  type?: string | string[];
  enum?: unknown[];
  anyOf?: JsonSchema[];
  items?: JsonSchema;
  format?: string;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  const?: unknown;
};

/** A payload field's type in a few characters: `string`, `int`, `'A' | 'B'`, `string[]`, `… | null`. */
function typeOf(s: JsonSchema): string {
  if (s.anyOf) return s.anyOf.map(typeOf).join(' | ');
  if (s.enum) return s.enum.map((v) => JSON.stringify(v)).join(' | ');
  if (s.const !== undefined) return JSON.stringify(s.const);
  if (s.type === 'array') return `${s.items ? typeOf(s.items) : 'unknown'}[]`;
  if (s.type === 'integer') return 'int';
  if (s.type === 'object' && s.properties)
    return `{ ${Object.entries(s.properties)
      .map(([k, v]) => `${k}: ${typeOf(v)}`)
      .join(', ')} }`;
  if (Array.isArray(s.type)) return s.type.join(' | ');
  return s.type ?? 'any';
}

/** Every event contract in @cppcc/events, by type. */
export function eventContracts(): EventDefinition[] {
  const all = Object.values(contracts as Record<string, unknown>).filter(
    (v): v is EventDefinition =>
      typeof v === 'object' && v !== null && 'type' in v && 'payload' in v && 'description' in v,
  );
  return [...new Map(all.map((e) => [e.type, e])).values()].sort((a, b) =>
    a.type.localeCompare(b.type),
  );
}

/**
 * The table of events docs/plugins.md lists, generated from the contracts (`npm run events:table`
 * writes it; the SDK's catalogue test fails when the page is stale).
 */
export function eventCatalogue(): string {
  const rows = eventContracts().map((e) => {
    const schema = z.toJSONSchema(e.payload, {
      io: 'output',
      unrepresentable: 'any',
    }) as JsonSchema;
    const required = new Set(schema.required ?? []);
    const fields = Object.entries(schema.properties ?? {}).map(
      ([name, field]) =>
        `\`${name}${required.has(name) ? '' : '?'}\`: ${typeOf(field).replace(/\|/g, '\\|')}`,
    );
    return `| \`${e.type}\` | ${e.description.replace(/\|/g, '\\|')} | ${fields.join('<br>')} |`;
  });
  return ['| event | when | payload |', '|---|---|---|', ...rows].join('\n');
}
