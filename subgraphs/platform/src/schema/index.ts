import { builder } from '../builder.js';
import './json.js';
import './plugin.js';
import './plugin-switch.js';
import './plugin-settings-review.js';
import './district.js';
import './inbox-item.js';
import './work-report.js';
import './member.js';

export const schema = builder.toSubGraphSchema({
  linkUrl: 'https://specs.apollo.dev/federation/v2.6',
});
