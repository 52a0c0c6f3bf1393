import { builder } from '../builder.js';
import './district.js';
import './government-unit.js';
import './consultation-activity.js';
import './research-project.js';
import './member.js';
import './proposal.js';
import './cosigner.js';
import './handling-task.js';
import './rating.js';
import './key-proposal.js';
import './evaluation.js';
import './member-suggestion.js';
import './opinion-item.js';
import './studio-reception.js';
import './bulletin-issue.js';
import './statistics.js';
import './work-report.js';

export const schema = builder.toSubGraphSchema({
  linkUrl: 'https://specs.apollo.dev/federation/v2.6',
});
