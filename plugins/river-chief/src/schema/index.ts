import './river.js';
import './inspection.js';
import './district.js';
