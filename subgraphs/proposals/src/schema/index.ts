import { builder } from '../builder.js';
import './district.js';
import './member.js';
import './proposal.js';

export const schema = builder.toSubGraphSchema({ linkUrl: 'https://specs.apollo.dev/federation/v2.6' });
