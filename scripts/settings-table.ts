// Rewrites the settings table in docs/operations.md from the settings module
// (`npx tsx --conditions=@cppcc/source scripts/settings-table.ts`); config.test.ts fails when they differ.
import fs from 'node:fs';
import path from 'node:path';
import { REPO_ROOT, settingsTable } from '@cppcc/kit';

const file = path.join(REPO_ROOT, 'docs/operations.md');
const doc = fs.readFileSync(file, 'utf8');
const marked = /<!-- settings-table:start -->\n[\s\S]*?<!-- settings-table:end -->/;
if (!marked.test(doc)) throw new Error(`${file} has no <!-- settings-table:start/end --> markers`);
fs.writeFileSync(file, doc.replace(marked, `<!-- settings-table:start -->\n${settingsTable()}\n<!-- settings-table:end -->`));
console.log(`${file}: settings table written`);
