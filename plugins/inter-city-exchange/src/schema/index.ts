import './partner-committee.js';
import './cooperation-mechanism.js';
import './joint-chairs-meeting.js';
import './joint-activity.js';
import './exchange-visit.js';
import './district.js';
import './member.js';
import './work-report.js';
