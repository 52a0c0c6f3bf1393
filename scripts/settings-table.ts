// Rewrites the settings table in docs/operations.md from the settings module
// (`npx tsx --conditions=@cppcc/source scripts/settings-table.ts`); config.test.ts fails when they differ.
import path from 'node:path';
import { REPO_ROOT, settingsTable } from '@cppcc/kit';
import { writeMarkedSection } from './marked-section.js';

writeMarkedSection(path.join(REPO_ROOT, 'docs/operations.md'), 'settings-table', settingsTable());
