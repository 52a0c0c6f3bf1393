import { connectionType, parseId, pagedList } from '@cppcc/kit';
import { z } from 'zod';
import { builder } from '../builder.js';
import { updateMemberProfile } from '../commands/update-member-profile.js';
import { MemberChangeSchema, type MemberChange } from '../entities/member-change.entity.js';
import { GenderType, recordPage, MemberStatusType, MemberType } from './member.js';

export const MemberChangeType = builder.objectRef<MemberChange>('MemberChange').implement({
  description: "A dated change to a member's profile.",
  fields: (t) => ({
    field: t.exposeString('field', { description: '字段 The profile field that changed.' }),
    from: t.exposeString('fromValue', {
      description: '原值 The value before; null if it had none.',
      nullable: true,
    }),
    to: t.exposeString('toValue', {
      description: '新值 The value after; null if cleared.',
      nullable: true,
    }),
    effectiveOn: t.expose('effectiveOn', {
      description: '生效日期 The day the change took effect.',
      type: 'Date',
    }),
    note: t.exposeString('note', {
      description: '备注 The note recorded with it.',
      nullable: true,
    }),
  }),
});

const MemberChangeConnection = connectionType<MemberChange>(
  builder,
  'MemberChange',
  MemberChangeType,
);

pagedList(builder, MemberType, {
  name: 'history',
  node: MemberChangeType,
  connection: MemberChangeConnection,
  what: 'changes',
  listDescription:
    'Changes to the profile, oldest first. The member and their district staff only.',
  description:
    '履历变更 Changes to the profile, oldest first, a page at a time. The member and their district staff only (FORBIDDEN for others).',
  page: recordPage(MemberChangeSchema),
});

const ProfileInput = builder.inputType('UpdateMemberProfileInput', {
  description: 'What `updateMemberProfile` takes.',
  fields: (t) => ({
    name: t.string({
      description: 'The name: trimmed, 2 to 40 characters.',
      required: false,
      validate: z.string().trim().min(2, 'must have at least 2 characters').max(40),
    }),
    gender: t.field({ description: "性别 A member's gender.", type: GenderType, required: false }),
    ethnicity: t.string({
      description: 'The ethnicity: trimmed, 1 to 20 characters.',
      required: false,
      validate: z.string().trim().min(1, 'must not be empty').max(20),
    }),
    party: t.string({
      description: 'The party affiliation: trimmed, 1 to 40 characters.',
      required: false,
      validate: z.string().trim().min(1, 'must not be empty').max(40),
    }),
    sector: t.id({
      description: 'The id of the sector the member is drawn from.',
      required: false,
    }),
    workUnit: t.string({
      description: 'The work unit: trimmed, 1 to 100 characters.',
      required: false,
      validate: z.string().trim().min(1, 'must not be empty').max(100),
    }),
    title: t.string({
      description: 'The job title: trimmed, 1 to 60 characters.',
      required: false,
      validate: z.string().trim().min(1, 'must not be empty').max(60),
    }),
    standingCommittee: t.boolean({
      description: 'Whether the member sits on the standing committee.',
      required: false,
    }),
    status: t.field({
      description: '委员状态 Whether a member is serving.',
      type: MemberStatusType,
      required: false,
    }),
    term: t.id({
      required: false,
      description: "Reappointment for another term (届) of the member's committee.",
    }),
    effectiveOn: t.field({
      description: 'The day the change takes effect.',
      type: 'Date',
      required: true,
    }),
    note: t.string({
      description: 'An optional note, kept with the record or with the step in its audit trail.',
      required: false,
    }),
  }),
});

builder.mutationField('updateMemberProfile', (t) =>
  t.field({
    type: MemberType,
    description:
      "Staff change a member's profile; each changed field is kept in the member's history.",
    authScopes: { staff: true },
    args: {
      id: t.arg.id({ description: "The Member's id.", required: true }),
      input: t.arg({
        description: 'What `updateMemberProfile` takes (`UpdateMemberProfileInput`).',
        type: ProfileInput,
        required: true,
      }),
    },
    resolve: (_root, { id, input }, ctx) =>
      updateMemberProfile(
        ctx,
        parseId(id),
        {
          name: input.name?.trim(),
          gender: input.gender,
          ethnicity: input.ethnicity?.trim(),
          party: input.party?.trim(),
          sectorId: input.sector ? parseId(input.sector, 'input.sector') : undefined,
          workUnit: input.workUnit?.trim(),
          title: input.title?.trim(),
          standingCommittee: input.standingCommittee,
          status: input.status,
          termId: input.term ? parseId(input.term, 'input.term') : undefined,
        },
        input.effectiveOn,
        input.note ?? null,
      ),
  }),
);
