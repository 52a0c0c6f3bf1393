import { builder } from '../builder.js';
import './district.js';
import './sector.js';
import './special-committee.js';
import './member.js';
import './committee-membership.js';
import './government-unit.js';
import './term.js';
import './attendance.js';
import './body-meeting.js';
import './liaison.js';
import './study-session.js';
import './party-group.js';
import './approved-leave.js';
import './party-branch.js';
import './policy-document.js';
import './communication.js';
import './staff-record.js';
import './press-report.js';
import './relayed-decision.js';
import './leadership.js';
import './statistics.js';
import './work-report.js';

export const schema = builder.toSubGraphSchema({
  linkUrl: 'https://specs.apollo.dev/federation/v2.6',
});
