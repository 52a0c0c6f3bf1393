import { defineEntity, p, type InferEntity } from '@cppcc/plugin-sdk';
import type { LinkKind } from './topic-link.entity.js';

/**
 * Replica of the core records a round may be linked to — consultation's research projects,
 * activities and recommendations (their `*.registered` events, the highest version wins) and
 * proposals (proposal.registered) — so a link to a record that does not exist,
 * or lies outside the round's district, is refused without calling another subgraph.
 */
export const LinkTargetSchema = defineEntity({
  name: 'EcoLinkTarget',
  tableName: 'eco_link_target',
  properties: {
    kind: p.string().$type<LinkKind>().primary(),
    targetId: p.string().primary(),
    district: p.string().length(12),
    title: p.string().nullable(),
    /** The record's status or phase, when its owner announces one. */
    status: p.string().nullable(),
    /** The owner's version of the record; proposals carry none (their district never changes). */
    version: p.integer().default(0),
  },
});
export type LinkTarget = InferEntity<typeof LinkTargetSchema>;
