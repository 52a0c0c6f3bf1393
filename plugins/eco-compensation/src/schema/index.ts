import './monitoring-section.js';
import './compensation-round.js';
import './fund-contribution.js';
import './water-quality-sample.js';
import './yearly-assessment.js';
import './cooperation-task.js';
import './topic-link.js';
import './escalation.js';
