import { builder } from '../builder.js';
import './consultation-activity.js';
import './district.js';
import './government-unit.js';
import './member.js';
import './speech.js';
import './special-committee.js';
import './research-project.js';
import './recommendation.js';
import './instruction.js';
import './result.js';
import './plan.js';
import './input-campaign.js';
import './questionnaire.js';
import './input-contribution.js';
import './public-input-figures.js';
import './statistics.js';
import './work-report.js';

export const schema = builder.toSubGraphSchema({
  linkUrl: 'https://specs.apollo.dev/federation/v2.6',
});
