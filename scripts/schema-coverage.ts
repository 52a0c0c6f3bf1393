// `npm run schema:coverage`: how much of the API schema clients see (schema/api.graphql) is
// described, by kind, and the undescribed root fields by name — the measure issue 15 tracks.
// `schema/src/description-coverage.test.ts` holds it against `schema/description-floors.json`.
import fs from 'node:fs';
import path from 'node:path';
import { COVERAGE_KINDS, descriptionCoverage, percent } from '@cppcc/schema';
import { root } from './platform.js';

const { counts, undescribed } = descriptionCoverage(
  fs.readFileSync(path.join(root, 'schema/api.graphql'), 'utf8'),
);
console.log('| kind | described | of | coverage |');
console.log('|---|---|---|---|');
for (const kind of COVERAGE_KINDS) {
  const pair = counts[kind];
  console.log(`| ${kind} | ${pair.described} | ${pair.all} | ${percent(pair)}% |`);
}
const roots = undescribed['root fields'];
console.log(`\nroot fields without a description (${roots.length}): ${roots.join(', ') || 'none'}`);
