import { appError, ErrorCode, parseId } from '@cppcc/kit';
import { z } from 'zod';
import { builder } from '../builder.js';
import { updateMemberProfile } from '../commands/update-member-profile.js';
import { MemberChangeSchema, type MemberChange } from '../entities/member-change.entity.js';
import { GenderType, maySeeRecord, MemberStatusType, MemberType } from './member.js';

export const MemberChangeType = builder.objectRef<MemberChange>('MemberChange').implement({
  description: "A dated change to a member's profile.",
  fields: (t) => ({
    field: t.exposeString('field'),
    from: t.exposeString('fromValue', { nullable: true }),
    to: t.exposeString('toValue', { nullable: true }),
    effectiveOn: t.expose('effectiveOn', { type: 'Date' }),
    note: t.exposeString('note', { nullable: true }),
  }),
});

builder.objectField(MemberType, 'history', (t) =>
  t.field({
    type: [MemberChangeType],
    description: 'Changes to the profile, oldest first. The member and their district staff only.',
    resolve: (m, _args, ctx) => {
      if (!maySeeRecord(ctx, m))
        throw appError(
          ErrorCode.FORBIDDEN,
          'history: only the member and their district staff may see it',
          { field: 'history' },
        );
      return ctx.loaders.many(MemberChangeSchema, 'memberId', {}, true).load(m.id);
    },
  }),
);

const ProfileInput = builder.inputType('UpdateMemberProfileInput', {
  description: 'What `updateMemberProfile` takes.',
  fields: (t) => ({
    name: t.string({
      required: false,
      validate: z.string().trim().min(2, 'must have at least 2 characters').max(40),
    }),
    gender: t.field({ description: "性别 A member's gender.", type: GenderType, required: false }),
    ethnicity: t.string({
      required: false,
      validate: z.string().trim().min(1, 'must not be empty').max(20),
    }),
    party: t.string({
      required: false,
      validate: z.string().trim().min(1, 'must not be empty').max(40),
    }),
    sector: t.id({ required: false }),
    workUnit: t.string({
      required: false,
      validate: z.string().trim().min(1, 'must not be empty').max(100),
    }),
    title: t.string({
      required: false,
      validate: z.string().trim().min(1, 'must not be empty').max(60),
    }),
    standingCommittee: t.boolean({ required: false }),
    status: t.field({
      description: '委员状态 Whether a member is serving.',
      type: MemberStatusType,
      required: false,
    }),
    term: t.id({
      required: false,
      description: "Reappointment for another term (届) of the member's committee.",
    }),
    effectiveOn: t.field({ type: 'Date', required: true }),
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
