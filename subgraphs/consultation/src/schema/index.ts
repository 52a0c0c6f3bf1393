import { builder } from '../builder.js';
import './consultation-activity.js';
import './district.js';
import './government-unit.js';
import './member.js';
import './speech.js';

export const schema = builder.toSubGraphSchema({ linkUrl: 'https://specs.apollo.dev/federation/v2.6' });
