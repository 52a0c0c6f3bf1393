import { builder } from '../builder.js';
import './consultation-activity.js';
import './district.js';
import './member.js';

export const schema = builder.toSubGraphSchema({ linkUrl: 'https://specs.apollo.dev/federation/v2.6' });
