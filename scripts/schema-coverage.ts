// `npm run schema:coverage`: how much of the API schema clients see (schema/api.graphql) is
// described, by kind, and the undescribed root fields by name — the measure issue 15 tracks.
import fs from 'node:fs';
import path from 'node:path';
import {
  buildSchema,
  isEnumType,
  isInputObjectType,
  isInterfaceType,
  isObjectType,
  isScalarType,
  isUnionType,
} from 'graphql';
import { root } from './platform.js';

const schema = buildSchema(fs.readFileSync(path.join(root, 'schema/api.graphql'), 'utf8'));
const counts = {
  types: [0, 0],
  fields: [0, 0],
  arguments: [0, 0],
  'input fields': [0, 0],
  'enum values': [0, 0],
} as Record<string, [number, number]>;
const tally = (kind: string, description: string | null | undefined) => {
  counts[kind][1] += 1;
  if (description?.trim()) counts[kind][0] += 1;
};
const undescribedRoots: string[] = [];
for (const type of Object.values(schema.getTypeMap())) {
  if (
    type.name.startsWith('__') ||
    (isScalarType(type) && ['String', 'Int', 'Float', 'Boolean', 'ID'].includes(type.name))
  )
    continue;
  tally('types', type.description);
  if (isObjectType(type) || isInterfaceType(type)) {
    for (const field of Object.values(type.getFields())) {
      tally('fields', field.description);
      for (const arg of field.args) tally('arguments', arg.description);
      if (['Query', 'Mutation', 'Subscription'].includes(type.name) && !field.description?.trim())
        undescribedRoots.push(`${type.name}.${field.name}`);
    }
  } else if (isInputObjectType(type)) {
    for (const field of Object.values(type.getFields())) tally('input fields', field.description);
  } else if (isEnumType(type)) {
    for (const value of type.getValues()) tally('enum values', value.description);
  } else if (isUnionType(type)) {
    // a union has only its own description
  }
}
const percent = ([described, all]: [number, number]) =>
  all ? Math.round((described / all) * 1000) / 10 : 100;
console.log('| kind | described | of | coverage |');
console.log('|---|---|---|---|');
for (const [kind, pair] of Object.entries(counts))
  console.log(`| ${kind} | ${pair[0]} | ${pair[1]} | ${percent(pair)}% |`);
console.log(
  `\nroot fields without a description (${undescribedRoots.length}): ${undescribedRoots.join(', ') || 'none'}`,
);
