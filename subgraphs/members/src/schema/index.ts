import { toSubgraphSchema } from '@cppcc/kit';
import { builder } from '../builder.js';
import './district.js';
import './duty-event.js';
import './member.js';
import './sector.js';
import './assessment.js';
import './parked-event.js';
import './standing-report.js';
import './donation.js';
import './member-change.js';
import './leave-request.js';
import './archive.js';
import './studio.js';
import './merit-record.js';
import './work-report.js';

export const schema = toSubgraphSchema(builder);
