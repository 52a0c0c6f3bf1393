import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import {
  appError,
  canSeeDistrict,
  defineMigration,
  ErrorCode,
  inputError,
  replicaNotReady,
  replicaPending,
  type EventHandler,
  type RequestContext,
} from '@cppcc/kit';
import { memberRegistered } from '@cppcc/events';

/**
 * Every plugin's copy of who the members are, fed by the members subgraph's `member.registered`,
 * so a plugin can refuse a delegation or an attendance list naming someone who is not a member
 * — before a duty event for an unknown member reaches the archive — without a call per request.
 */
export const PluginMemberSchema = defineEntity({
  name: 'PluginMember',
  tableName: 'plugin_member',
  properties: {
    memberId: p.string().primary().length(36),
    district: p.string().length(12),
    name: p.string(),
    status: p.string(),
    changedAt: p.string(),
  },
});
export type PluginMember = InferEntity<typeof PluginMemberSchema>;

export const pluginMemberMigration = defineMigration(
  'Migration00000000000011_plugin_member',
  (knex) =>
    knex.schema.createTable('plugin_member', (t) => {
      t.string('member_id', 36).primary();
      t.string('district', 12).notNullable();
      t.string('name').notNullable();
      t.string('status').notNullable();
      t.string('changed_at').notNullable();
    }),
);

/** Keeps each member's newest facts; a late, older copy of an event changes nothing. */
export const applyMemberRegistered: EventHandler = async (em, event) => {
  const m = memberRegistered.payload.parse(event.payload);
  const known = await em.findOne(PluginMemberSchema, { memberId: m.memberId }, { filters: false });
  if (known && known.changedAt > m.changedAt) return;
  await em.upsert(PluginMemberSchema, {
    memberId: m.memberId,
    district: m.district,
    name: m.name,
    status: m.status,
    changedAt: m.changedAt,
  });
};

/**
 * Refuses a list naming anyone who is not a serving member: `field.i` and the rule
 * (`known-member`: no such member; `active-member`: suspended or left; REPLICA_NOT_READY while
 * the copy is still filling after installation), or a member of a
 * district the caller does not work for (CROSS_DISTRICT): a district's records name its own
 * members (the city's, those of the districts below). Reads before any write.
 */
export async function assertMembers(
  ctx: RequestContext,
  ids: readonly string[],
  field: string,
): Promise<PluginMember[]> {
  const rows = ids.length
    ? await ctx.em.find(
        PluginMemberSchema,
        { memberId: { $in: [...new Set(ids)] } },
        { filters: false },
      )
    : [];
  const byId = new Map(rows.map((r) => [r.memberId, r]));
  const missing = ids.findIndex((id) => !byId.has(id));
  // Just installed, the copy may not hold a member who exists: say so rather than "no member".
  if (missing >= 0 && (await replicaPending(ctx.em, 'members')))
    throw replicaNotReady(`${field}.${missing}`, 'members', 'members');
  return ids.map((id, i) => {
    const member = byId.get(id);
    if (!member) throw inputError(`${field}.${i}`, 'known-member', `no member has id ${id}`);
    if (member.status !== 'ACTIVE')
      throw inputError(
        `${field}.${i}`,
        'active-member',
        `${member.name} is ${member.status.toLowerCase()}, not a serving member`,
      );
    if (!canSeeDistrict(ctx.caller, member.district)) {
      throw appError(
        ErrorCode.CROSS_DISTRICT,
        `${field}.${i}: member ${id} belongs to district ${member.district}, which you do not work for`,
        { field: `${field}.${i}` },
      );
    }
    return member;
  });
}
