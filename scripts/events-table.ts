// Rewrites the table of events in docs/plugins.md from the contracts in packages/events
// (`npm run events:table`); packages/events/src/catalogue.test.ts fails when they differ.
import path from 'node:path';
import { REPO_ROOT } from '@cppcc/kit';
import { eventCatalogue } from '@cppcc/events/catalogue';
import { writeMarkedSection } from './marked-section.js';

writeMarkedSection(path.join(REPO_ROOT, 'docs/plugins.md'), 'events-table', eventCatalogue());
