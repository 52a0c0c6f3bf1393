import { toSubgraphSchema } from '@cppcc/kit';
import type { GraphQLSchema } from 'graphql';
import { builder } from '../builder.js';
import './json.js';
import './plugin.js';
import './plugin-switch.js';
import './plugin-settings-review.js';
import './district.js';
import './inbox-item.js';
import './work-report.js';
import './member.js';
import { nodeStubs } from './node.js';

/** The platform's schema for an installation whose other modules have these node types. */
export function platformSchema(nodeTypes: readonly string[]): GraphQLSchema {
  nodeStubs(nodeTypes);
  return toSubgraphSchema(builder);
}
