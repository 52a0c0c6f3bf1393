import { builder } from '../builder.js';
import './json.js';
import './plugin.js';
import './plugin-switch.js';
import './district.js';

export const schema = builder.toSubGraphSchema({
  linkUrl: 'https://specs.apollo.dev/federation/v2.6',
});
