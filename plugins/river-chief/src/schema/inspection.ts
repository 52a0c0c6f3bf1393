import {
  connectionType,
  districtFields,
  z,
  describedValues,
  PLANNED_ON_DESCRIPTION,
} from '@cppcc/plugin-sdk';
import { builder } from '../builder.js';
import { DistrictRef } from './district.js';
import {
  cancelInspection,
  holdInspection,
  planInspection,
  reportInspection,
} from '../commands/inspections.js';
import { INSPECTION_STATES, type RiverChiefInspection } from '../entities/inspection.entity.js';

const StateRef = builder.enumType('RiverChiefInspectionState', {
  description: '监督状态 Where a river inspection stands: PLANNED → HELD → REPORTED, or CANCELLED.',
  values: describedValues(INSPECTION_STATES, {
    PLANNED: '计划 Planned; may be held or cancelled.',
    HELD: '已进行 Held; may be reported.',
    REPORTED: '已报告 Reported, with its findings.',
    CANCELLED: '已取消 Cancelled.',
  }),
});

export const RiverChiefInspectionRef = builder
  .objectRef<RiverChiefInspection>('RiverChiefInspection')
  .implement({
    description: "Members' democratic supervision of a river section (河长制民主监督).",
    fields: (t) => ({
      id: t.exposeID('id', { description: "The RiverChiefInspection's id." }),
      ...districtFields(t, DistrictRef),
      riverId: t.exposeID('riverId', { description: '河流 The id of the river inspected.' }),
      status: t.field({
        description: '监督状态 Where a river inspection stands.',
        type: StateRef,
        resolve: (i) => i.status,
      }),
      plannedOn: t.expose('plannedOn', {
        description: PLANNED_ON_DESCRIPTION,
        type: 'Date',
      }),
      memberIds: t.exposeIDList('memberIds', {
        description: '委员 The ids of the members inspecting.',
      }),
      findings: t.exposeString('findings', {
        description: '发现问题 What was found; null until reported.',
        nullable: true,
      }),
      proposalId: t.exposeID('proposalId', {
        nullable: true,
        description: 'A filed proposal on the river, linked by the report.',
      }),
    }),
  });
export const RiverChiefInspectionConnection = connectionType(
  builder,
  'RiverChiefInspection',
  RiverChiefInspectionRef,
);

builder.mutationFields((t) => ({
  planRiverChiefInspection: t.field({
    description:
      "河长制民主监督 Plans an inspection of a river section (PLANNED) on a day, naming the members who go: at least one, at most the district's setting membersPerInspection. Permission inspection.manage (staff) in the river's district. Refused (PLUGIN_DISABLED) where the plugin is off for the caller's district.",
    type: RiverChiefInspectionRef,
    args: {
      river: t.arg.id({ description: "The river's id.", required: true }),
      plannedOn: t.arg({ description: 'The day it is planned for.', type: 'Date', required: true }),
      members: t.arg.idList({ description: 'The ids of the members inspecting.', required: true }),
    },
    resolve: (_root, args, ctx) =>
      planInspection(ctx, {
        river: String(args.river),
        plannedOn: args.plannedOn,
        members: args.members.map(String),
      }),
  }),
  holdRiverChiefInspection: t.field({
    description:
      "A PLANNED inspection is held (→ HELD); permission inspection.manage. Refused (PLUGIN_DISABLED) where the plugin is off for the caller's district.",
    type: RiverChiefInspectionRef,
    args: { id: t.arg.id({ description: "The RiverChiefInspection's id.", required: true }) },
    resolve: (_root, args, ctx) => holdInspection(ctx, String(args.id)),
  }),
  cancelRiverChiefInspection: t.field({
    description:
      "A PLANNED inspection is cancelled (→ CANCELLED); permission inspection.manage. Refused (PLUGIN_DISABLED) where the plugin is off for the caller's district.",
    type: RiverChiefInspectionRef,
    args: { id: t.arg.id({ description: "The RiverChiefInspection's id.", required: true }) },
    resolve: (_root, args, ctx) => cancelInspection(ctx, String(args.id)),
  }),
  reportRiverChiefInspection: t.field({
    description:
      "A HELD inspection is reported (→ REPORTED): findings at most 5,000 characters (required where the district's setting requireFindings is on), and optionally a filed proposal on the river. Permission inspection.manage. Refused (PLUGIN_DISABLED) where the plugin is off for the caller's district.",
    type: RiverChiefInspectionRef,
    args: {
      id: t.arg.id({ description: "The RiverChiefInspection's id.", required: true }),
      findings: t.arg.string({
        description: 'What was found: at most 5,000 characters.',
        validate: z.string().max(5000, 'at most 5000 characters'),
      }),
      proposal: t.arg.id({ description: 'The id of a proposal filed on it, if any.' }),
    },
    resolve: (_root, args, ctx) =>
      reportInspection(ctx, String(args.id), {
        findings: args.findings,
        proposal: args.proposal == null ? null : String(args.proposal),
      }),
  }),
}));
