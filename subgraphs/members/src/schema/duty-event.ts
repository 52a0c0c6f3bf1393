import { connectionType } from '@cppcc/kit';
import { builder } from '../builder.js';
import type { DutyEvent } from '../entities/duty-event.entity.js';
import { DistrictRef } from './district.js';

/** Proposal is the proposals subgraph's entity; a duty event links to the one it came from. */
const ProposalRef = builder
  .externalRef('Proposal', builder.selection<{ id: string }>('id'))
  .implement({
    externalFields: (t) => ({ id: t.id() }),
  });

/** ConsultationActivity is the consultation subgraph's entity. */
const ConsultationActivityRef = builder
  .externalRef('ConsultationActivity', builder.selection<{ id: string }>('id'))
  .implement({
    externalFields: (t) => ({ id: t.id() }),
  });

const DutyRoleType = builder.enumType('DutyRole', {
  description: '履职角色 The part a member played in a duty event.',
  values: {
    LEAD: { description: 'Lead author, or leader of a research team.' },
    CO: { description: 'Co-author, or team member.' },
  } as const,
});

export const DutyEventType = builder.objectRef<DutyEvent>('DutyEvent').implement({
  description:
    "One entry of a member's duty record, derived from what another module reported on the bus.",
  fields: (t) => ({
    id: t.exposeID('id', { description: "The DutyEvent's id." }),
    kind: t.exposeString('kind', {
      description:
        'What the member did, e.g. proposal.filed, meeting.absent, plugin.inter-city-exchange.visit.',
    }),
    role: t.field({
      description: '履职角色 The part a member played in a duty event.',
      type: DutyRoleType,
      nullable: true,
      resolve: (e) => (e.role as 'LEAD' | 'CO' | null) ?? null,
    }),
    authors: t.exposeInt('authors', {
      nullable: true,
      description:
        'How many members share the work (a joint proposal or opinion item); null where the source does not say.',
    }),
    qualifier: t.exposeString('qualifier', {
      nullable: true,
      description:
        "What tells events of one kind apart for scoring: the meeting's body (PLENARY…), the adopting or instructing level (CITY…), the consultation form.",
    }),
    sourceModule: t.exposeString('sourceModule', {
      description: 'The module that recorded it (谁组织谁记录).',
    }),
    sourceType: t.exposeString('sourceType', {
      nullable: true,
      description: 'The kind of record it came from: Proposal, BodyMeeting, OpinionItem…',
    }),
    sourceId: t.exposeString('sourceId', {
      description: '来源编号 The id of the record in the module that reported it.',
    }),
    recordedBy: t.field({
      type: DistrictRef,
      nullable: true,
      description: 'The committee (district) whose body recorded it.',
      resolve: (e) => (e.district ? { code: e.district } : null),
    }),
    proposal: t.field({
      type: ProposalRef,
      nullable: true,
      description: 'The proposal, when the entry came from one.',
      resolve: (e) => (e.sourceType === 'Proposal' ? { id: e.sourceId } : null),
    }),
    consultationActivity: t.field({
      type: ConsultationActivityRef,
      nullable: true,
      description: 'The consultation activity, when the entry came from one.',
      resolve: (e) => (e.sourceType === 'ConsultationActivity' ? { id: e.sourceId } : null),
    }),
    summary: t.exposeString('summary', { description: '摘要 What the member did, in words.' }),
    occurredAt: t.field({
      description: '时间 When it happened.',
      type: 'DateTime',
      resolve: (e) => e.occurredAt,
    }),
  }),
});

export const DutyEventConnection = connectionType<DutyEvent>(builder, 'DutyEvent', DutyEventType);
