import {
  addDays,
  callerUnit,
  defineWorkflow,
  ErrorCode,
  fact,
  hasRole,
  inPlace,
  stepDay,
  today,
  type Actor,
  type Guard,
  type RequestContext,
} from '@cppcc/kit';
import { CosignerSchema, type Cosigner, type CosignerStatus } from './entities/cosigner.entity.js';
import {
  HandlingTaskSchema,
  type HandlingTask,
  type TaskStatus,
} from './entities/handling-task.entity.js';
import {
  OpinionAuthorSchema,
  OpinionItemSchema,
  type BulletinIssue,
  BulletinIssueSchema,
  type IssueStatus,
  type OpinionItem,
  type OpinionStatus,
} from './entities/opinion-item.entity.js';
import { ProposalSchema, type Proposal, type ProposalStatus } from './entities/proposal.entity.js';
import { ProposalRatingSchema, type ProposalRating } from './entities/rating.entity.js';
import { UnitRefSchema } from './entities/refs.entity.js';
import {
  type MemberSuggestion,
  MemberSuggestionSchema,
  type SuggestionStatus,
} from './entities/suggestion.entity.js';

/*
 * Who is who (the "who may" column):
 * - member: the proposal's lead author (a relation to the record);
 * - proposal-committee staff: role `staff` of the record's district (or a district above it);
 * - supervising office (督办): role `operator` of the record's district — the government office
 *   that reviews units' replies; a role rather than a setting so one token says what a user is;
 * - handling unit: role `unit` whose `unitId` is the task's unit;
 * - leader: role `leader` of the district (chair meeting members, city leaders).
 */
type Scoped = { district: string };
const ofDistrict = (ctx: RequestContext, r: Scoped) => ctx.caller.districts.includes(r.district);
function inDistrict<R extends Scoped>(
  role: 'staff' | 'operator' | 'leader',
  name: string,
): Actor<R> {
  return {
    relation: name,
    holds: (ctx, r) => hasRole(ctx.caller, role) && ofDistrict(ctx, r),
    parties: (r) => [{ role, district: r.district }],
  };
}

/** Is the caller proposal-committee (or information) staff of this district? */
export function isStaffOf(ctx: RequestContext, district: string): boolean {
  return hasRole(ctx.caller, 'staff') && ctx.caller.districts.includes(district);
}

export const staff = inDistrict<Proposal>('staff', 'proposal-committee staff');
export const office = inDistrict<Proposal>('operator', 'supervising office');
const author: Actor<Proposal> = {
  relation: 'author',
  holds: (ctx, p) => ctx.caller.memberId === String(p.authorId),
  parties: (p) => [{ member: p.authorId }],
};

/**
 * A proposal with what its guards and relations read looked up: its accepted co-signers, how many
 * invitations are still open (INVITED, deadline not passed), and who rated this round and how.
 */
export type ProposalRecord = Proposal & {
  cosignerIds?: number[];
  openInvitations?: number;
  ratedThisRound?: number[];
  unsatisfiedThisRound?: boolean;
};

/** The facts of a proposal's record, from its co-signer rows and rating rows. */
export function proposalFacts(
  proposal: Pick<Proposal, 'round'>,
  cosigners: Pick<Cosigner, 'memberId' | 'status' | 'respondBy'>[],
  ratings: Pick<ProposalRating, 'memberId' | 'round' | 'rating'>[],
): Required<Omit<ProposalRecord, keyof Proposal>> {
  const day = today();
  const thisRound = ratings.filter((r) => r.round === proposal.round);
  return {
    cosignerIds: cosigners.filter((c) => c.status === 'ACCEPTED').map((c) => c.memberId),
    openInvitations: cosigners.filter((c) => c.status === 'INVITED' && c.respondBy >= day).length,
    ratedThisRound: thisRound.map((r) => r.memberId),
    unsatisfiedThisRound: thisRound.some((r) => r.rating === 'UNSATISFIED'),
  };
}
const cosigner: Actor<ProposalRecord> = {
  relation: 'co-signer (accepted)',
  holds: (ctx, p) =>
    ctx.caller.memberId !== null && (p.cosignerIds ?? []).includes(Number(ctx.caller.memberId)),
  parties: (p) => (p.cosignerIds ?? []).map((member) => ({ member })),
};

/** A joint proposal goes to review only once every co-signer answered or let the deadline pass… */
const cosignersAnswered: Guard<ProposalRecord> = {
  name: 'cosigners-pending',
  holds: (_ctx, p) => p.kind !== 'JOINT' || fact(p.openInvitations, 'openInvitations') === 0,
  message: (p) => `proposal ${p.id}: co-signers still have until their deadline to answer`,
};
/** …and with at least one who accepted. */
const hasCosigner: Guard<ProposalRecord> = {
  name: 'no-cosigner',
  holds: (_ctx, p) => p.kind !== 'JOINT' || fact(p.cosignerIds, 'cosignerIds').length > 0,
  message: (p) => `proposal ${p.id}: a joint proposal needs at least one co-signer who accepted`,
};
/** A co-signer rates once a round. */
const notRatedYet: Guard<ProposalRecord> = {
  name: 'already-rated',
  holds: (ctx, p) =>
    !fact(p.ratedThisRound, 'ratedThisRound').includes(Number(ctx.caller.memberId)),
  message: (p) => `proposal ${p.id}: you already rated the reply of handling round ${p.round}`,
};
/** A proposal the lead rated satisfied is reopened only when a co-signer rated this round unsatisfied. */
const unsatisfiedRating: Guard<ProposalRecord> = {
  name: 'unsatisfied-rating',
  holds: (_ctx, p) => fact(p.unsatisfiedThisRound, 'unsatisfiedThisRound'),
  message: (p) =>
    `proposal ${p.id}: no proposer rated the reply unsatisfied; a satisfied proposal is closed, not reopened`,
};
const jointReady = [cosignersAnswered, hasCosigner];
/** Review states a conversion may be proposed from: declining it goes back to the one it came from. */
export const CONVERSION_ORIGINS = ['SUBMITTED', 'NOT_FILED'] as const satisfies ProposalStatus[];
/** The declined conversion's row is the one back to where the proposal was when it was proposed. */
const proposedFrom = (origin: (typeof CONVERSION_ORIGINS)[number]): Guard<ProposalRecord> => ({
  name: 'conversion-origin',
  holds: (_ctx, p) => p.conversionFrom === origin,
  message: (p) =>
    `proposal ${p.id}: where its conversion was proposed from (${p.conversionFrom ?? 'not recorded'}) is not a review state it can go back to`,
});
/** Only a joint proposal has co-signers (told as an input error, as it always was). */
const jointOnly: Guard<ProposalRecord> = {
  name: 'joint-only',
  holds: (_ctx, p) => p.kind === 'JOINT',
  message: (p) => `proposal ${p.id} is ${p.kind}: only a joint proposal has co-signers`,
  code: ErrorCode.BAD_USER_INPUT,
  extensions: { field: 'id' },
};
export type ProposalAction =
  | 'submit'
  | 'withdraw'
  | 'file'
  | 'reject'
  | 'returnForRevision'
  | 'proposeConversion'
  | 'consentConversion'
  | 'declineConversion'
  | 'merge'
  | 'assign'
  | 'completeReplies'
  | 'rateSatisfied'
  | 'rateUnsatisfied'
  | 'rateAsCosigner'
  | 'reopen'
  | 'close'
  | 'edit'
  | 'invite';

/** The proposal's whole life. Nothing else changes a proposal's status. */
export const proposalWorkflow = defineWorkflow<ProposalStatus, ProposalAction, ProposalRecord>(
  'proposal',
  [
    // Drafting and review (审查).
    { from: 'DRAFT', action: 'submit', who: [author], guards: jointReady, to: 'SUBMITTED' },
    { from: 'DRAFT', action: 'withdraw', who: [author], to: 'WITHDRAWN' },
    { from: 'SUBMITTED', action: 'file', who: [staff], to: 'FILED' },
    { from: 'SUBMITTED', action: 'reject', who: [staff], to: 'NOT_FILED' },
    { from: 'SUBMITTED', action: 'returnForRevision', who: [staff], to: 'RETURNED' },
    { from: 'SUBMITTED', action: 'proposeConversion', who: [staff], to: 'CONVERSION_PROPOSED' },
    { from: 'SUBMITTED', action: 'merge', who: [staff], to: 'MERGED' },
    { from: 'SUBMITTED', action: 'withdraw', who: [author], to: 'WITHDRAWN' },
    { from: 'RETURNED', action: 'submit', who: [author], guards: jointReady, to: 'SUBMITTED' },
    { from: 'RETURNED', action: 'withdraw', who: [author], to: 'WITHDRAWN' },
    // A proposal not filed (不予立案) may still become a member suggestion or opinion item.
    { from: 'NOT_FILED', action: 'proposeConversion', who: [staff], to: 'CONVERSION_PROPOSED' },
    { from: 'CONVERSION_PROPOSED', action: 'consentConversion', who: [author], to: 'CONVERTED' },
    // Declined, it goes back to where it was when the conversion was proposed.
    ...CONVERSION_ORIGINS.map((origin) => ({
      from: 'CONVERSION_PROPOSED' as const,
      action: 'declineConversion' as const,
      who: [author],
      guards: [proposedFrom(origin)],
      to: origin,
    })),
    // Assignment (交办), handling and reply.
    { from: 'FILED', action: 'assign', who: [staff], to: 'ASSIGNED' },
    { from: 'ASSIGNED', action: 'completeReplies', who: [office], to: 'REPLIED' },
    { from: 'REPLIED', action: 'rateSatisfied', who: [author], to: 'RATED' },
    { from: 'REPLIED', action: 'rateUnsatisfied', who: [author], to: 'UNSATISFIED' },
    // Every co-signer rates too (朝天: "all co-signing members are notified to rate"), once a
    // round, until the proposal is closed; their ratings are counted but do not move it.
    {
      from: 'REPLIED',
      action: 'rateAsCosigner',
      who: [cosigner],
      guards: [notRatedYet],
      to: 'REPLIED',
    },
    {
      from: 'RATED',
      action: 'rateAsCosigner',
      who: [cosigner],
      guards: [notRatedYet],
      to: 'RATED',
    },
    {
      from: 'UNSATISFIED',
      action: 'rateAsCosigner',
      who: [cosigner],
      guards: [notRatedYet],
      to: 'UNSATISFIED',
    },
    { from: 'UNSATISFIED', action: 'reopen', who: [staff], to: 'ASSIGNED' },
    // Only when a co-signer rated this round's reply unsatisfied.
    { from: 'RATED', action: 'reopen', who: [staff], guards: [unsatisfiedRating], to: 'ASSIGNED' },
    { from: 'UNSATISFIED', action: 'close', who: [staff], to: 'CLOSED' },
    { from: 'RATED', action: 'close', who: [staff], to: 'CLOSED' },
    // Work on the proposal that keeps it where it is (not audited: the proposal's version moves).
    ...inPlace(['DRAFT', 'RETURNED'], 'edit', [author]),
    // Co-signers are invited while drafting.
    ...inPlace(['DRAFT'], 'invite', [author], [jointOnly]),
  ],
  {
    edit: {
      rule: 'not-editable',
      message: (p) =>
        `proposal ${p.id} is ${p.status}: only a draft or a returned proposal can be edited`,
    },
    invite: {
      rule: 'not-draft',
      message: (p) => `proposal ${p.id} is ${p.status}: co-signers are invited while drafting`,
    },
  },
  {
    schema: ProposalSchema,
    type: 'Proposal',
    states: {
      DRAFT: { kind: 'proposal.draft', why: '草稿待提交 A draft to submit' },
      SUBMITTED: { kind: 'proposal.review', why: '待审查立案 Submitted, awaiting review' },
      RETURNED: { kind: 'proposal.revise', why: '退回修改 Returned for revision' },
      NOT_FILED: { kind: 'proposal.notFiled', why: '不予立案 Not filed: convert it or leave it' },
      CONVERSION_PROPOSED: {
        kind: 'proposal.conversion',
        why: '待同意转为建议 A conversion awaits the author’s consent',
      },
      FILED: { kind: 'proposal.assign', why: '已立案待交办 Filed, to assign to units' },
      REPLIED: { kind: 'proposal.rate', why: '已答复待评价 Replied, to rate' },
      RATED: { kind: 'proposal.close', why: '已评价待办结 Rated, to close' },
      UNSATISFIED: { kind: 'proposal.unsatisfied', why: '不满意待处理 Rated unsatisfied' },
    },
    title: (p) => p.title,
    district: (p) => p.district,
    facts: async (em, p) => {
      const cosigners = await em.find(CosignerSchema, { proposalId: p.id });
      const ratings = await em.find(ProposalRatingSchema, { proposalId: p.id });
      Object.assign(p, proposalFacts(p, cosigners, ratings));
    },
    // Editing, inviting and withdrawing are always possible somewhere; they wait on no one.
    ignore: ['edit', 'invite', 'withdraw'],
  },
);

/** An invitation with its proposal's lead author and status looked up, for the inviter and its guards. */
export type CosignerRecord = Cosigner & {
  proposalAuthorId?: number;
  proposalStatus?: ProposalStatus;
};
/** An invitation is answered or taken back only while its proposal is a draft… */
const invitationOpen: Guard<CosignerRecord> = {
  name: 'invitation-closed',
  holds: (_ctx, c) => fact(c.proposalStatus, 'proposalStatus') === 'DRAFT',
  message: (c) => `proposal ${c.proposalId} was already submitted: the invitation is closed`,
};
/** …and answered by its deadline. */
const beforeDeadline: Guard<CosignerRecord> = {
  name: 'deadline-passed',
  holds: (_ctx, c) => today() <= c.respondBy,
  message: (c) => `the invitation had to be answered by ${c.respondBy}`,
};
const answerable = [invitationOpen, beforeDeadline];
/** An invitation with its proposal's title, for the invitee's inbox. */
type InvitationRecord = CosignerRecord & { proposalTitle?: string };
const invitee: Actor<CosignerRecord> = {
  relation: 'invitee',
  holds: (ctx, c) => ctx.caller.memberId === String(c.memberId),
  parties: (c) => [{ member: c.memberId }],
};
const inviter: Actor<CosignerRecord> = {
  relation: "the proposal's lead author",
  holds: (ctx, c) =>
    c.proposalAuthorId !== undefined && ctx.caller.memberId === String(c.proposalAuthorId),
};

export type CosignerAction = 'accept' | 'decline' | 'revoke' | 'reinvite';

/** A co-signer's answer to an invitation; the lead author taking back one not yet answered, or asking again. */
export const cosignerWorkflow = defineWorkflow<CosignerStatus, CosignerAction, CosignerRecord>(
  'proposal_cosigner',
  [
    { from: 'INVITED', action: 'accept', who: [invitee], guards: answerable, to: 'ACCEPTED' },
    { from: 'INVITED', action: 'decline', who: [invitee], guards: answerable, to: 'DECLINED' },
    { from: 'INVITED', action: 'revoke', who: [inviter], guards: [invitationOpen], to: 'REVOKED' },
    // Asked again while drafting (inviteCosigners naming them): a member who declined may be won
    // over, one taken back may be wanted after all.
    { from: 'DECLINED', action: 'reinvite', who: [inviter], to: 'INVITED' },
    { from: 'REVOKED', action: 'reinvite', who: [inviter], to: 'INVITED' },
  ],
  {},
  {
    schema: CosignerSchema,
    type: 'ProposalCosigner',
    about: (c) => ({ type: 'Proposal', id: c.proposalId }),
    states: { INVITED: { kind: 'proposal.cosign', why: '联名邀请待答复 A co-sign invitation' } },
    title: (c) => (c as InvitationRecord).proposalTitle ?? `proposal ${c.proposalId}`,
    district: (c) => (c as InvitationRecord & { district: string }).district,
    dueOn: (c) => c.respondBy,
    facts: async (em, c) => {
      const proposal = await em.findOneOrFail(ProposalSchema, { id: c.proposalId });
      Object.assign(c, {
        proposalAuthorId: proposal.authorId,
        proposalStatus: proposal.status,
        proposalTitle: proposal.title,
        district: proposal.district,
      });
    },
    // An answer may let the draft be submitted (every co-signer answered, one accepted).
    touches: (c) => [{ schema: ProposalSchema, where: { id: c.proposalId } }],
    ignore: ['revoke'],
  },
);

/** A task with how many co-units (会办) of its proposal have not sent their opinions, for the lead's reply. */
export type TaskRecord = HandlingTask & {
  coUnitsWaiting?: number;
  proposalTitle?: string;
  unitName?: string;
};

/** The co-units of a proposal still to send their opinion, from its tasks. */
export function coUnitsWaiting(tasks: Pick<HandlingTask, 'role' | 'status'>[]): number {
  return tasks.filter((t) => t.role === 'CO' && !['OPINION_SENT', 'RETURNED'].includes(t.status))
    .length;
}

const taskUnit = (name: string, roles: HandlingTask['role'][]): Actor<TaskRecord> => ({
  relation: name,
  holds: (ctx, t) => callerUnit(ctx.caller) === t.unitId && roles.includes(t.role),
  parties: (t) => [{ unit: t.unitId }],
});
const anyUnit = taskUnit("the task's handling unit", ['SOLE', 'SEPARATE', 'LEAD', 'CO']);
const coUnit = taskUnit('co-unit (会办)', ['CO']);
const replyingUnit = taskUnit('replying unit (独办, 分办 or 主办)', ['SOLE', 'SEPARATE', 'LEAD']);
const taskStaff = inDistrict<TaskRecord>('staff', 'proposal-committee staff');
const taskOffice = inDistrict<TaskRecord>('operator', 'supervising office');
/** A return is asked for within the receipt window. */
const returnWindow: Guard<TaskRecord> = {
  name: 'return-window-closed',
  holds: (_ctx, t) => today() <= t.receiptDueOn,
  message: (t) => `task ${t.id}: a return had to be asked for by ${t.receiptDueOn}`,
};
/** A lead unit (主办) replies once every co-unit has sent its opinion. */
const coOpinionsIn: Guard<TaskRecord> = {
  name: 'co-opinions-missing',
  holds: (_ctx, t) => t.role !== 'LEAD' || fact(t.coUnitsWaiting, 'coUnitsWaiting') === 0,
  message: (t) => `task ${t.id}: ${t.coUnitsWaiting} co-unit(s) have not sent their opinions yet`,
};

/** Days between two urgings of one unit on one task: a reminder a week, not a stream. */
export const URGE_EVERY_DAYS = 7;
/** What the unit owes next: receipt by its receipt day, then the reply (or opinion) by its due day. */
export const taskDueOn = (t: Pick<HandlingTask, 'status' | 'receiptDueOn' | 'dueOn'>) =>
  t.status === 'PENDING_RECEIPT' ? t.receiptDueOn : t.dueOn;
/** Staff urge a unit only once what it owes is past due… */
const pastDue: Guard<TaskRecord> = {
  name: 'not-overdue',
  holds: (ctx, t) => stepDay(ctx) > taskDueOn(t),
  message: (t) => `task ${t.id}: not past due (due ${taskDueOn(t)}); nothing to urge yet`,
};
/** …and at most once a week. */
const notUrgedLately: Guard<TaskRecord> = {
  name: 'urged-lately',
  holds: (ctx, t) => !t.urgedOn || stepDay(ctx) >= addDays(t.urgedOn, URGE_EVERY_DAYS),
  message: (t) =>
    `task ${t.id}: the unit was urged on ${t.urgedOn}; urge again from ${addDays(t.urgedOn!, URGE_EVERY_DAYS)}`,
};
/** The day staff may urge next: the day after it fell due, or a week after the last urging. */
function urgeFrom(t: TaskRecord): string {
  const due = addDays(taskDueOn(t), 1);
  const again = t.urgedOn ? addDays(t.urgedOn, URGE_EVERY_DAYS) : null;
  return again && again > due ? again : due;
}

export type TaskAction =
  | 'urge'
  | 'receive'
  | 'requestReturn'
  | 'approveReturn'
  | 'refuseReturn'
  | 'sendOpinion'
  | 'reply'
  | 'passReply'
  | 'sendBackReply'
  | 'reopen'
  | 'extendDeadline';

/** One unit's share of a proposal: receipt or return, handling, reply and its review. */
export const taskWorkflow = defineWorkflow<TaskStatus, TaskAction, TaskRecord>(
  'handling_task',
  [
    { from: 'PENDING_RECEIPT', action: 'receive', who: [anyUnit], to: 'RECEIVED' },
    {
      from: 'PENDING_RECEIPT',
      action: 'requestReturn',
      who: [anyUnit],
      guards: [returnWindow],
      to: 'RETURN_REQUESTED',
    },
    { from: 'RETURN_REQUESTED', action: 'approveReturn', who: [taskStaff], to: 'RETURNED' },
    { from: 'RETURN_REQUESTED', action: 'refuseReturn', who: [taskStaff], to: 'RECEIVED' },
    { from: 'RECEIVED', action: 'sendOpinion', who: [coUnit], to: 'OPINION_SENT' },
    {
      from: 'RECEIVED',
      action: 'reply',
      who: [replyingUnit],
      guards: [coOpinionsIn],
      to: 'REPLIED',
    },
    { from: 'REPLIED', action: 'passReply', who: [taskOffice], to: 'ACCEPTED' },
    { from: 'REPLIED', action: 'sendBackReply', who: [taskOffice], to: 'RECEIVED' },
    { from: 'ACCEPTED', action: 'reopen', who: [taskStaff], to: 'RECEIVED' },
    // 催办: a unit past its receipt or reply day is urged by the district's staff.
    ...inPlace(['PENDING_RECEIPT', 'RECEIVED'], 'urge', [taskStaff], [pastDue, notUrgedLately]),
    // A deadline moves, with a reason, while something is left to do.
    ...inPlace(['PENDING_RECEIPT', 'RETURN_REQUESTED', 'RECEIVED', 'REPLIED'], 'extendDeadline', [
      taskStaff,
      taskOffice,
    ]),
  ],
  {
    extendDeadline: {
      rule: 'done',
      message: (t) => `task ${t.id} is ${t.status}: nothing left to extend`,
    },
    urge: {
      rule: 'not-owed',
      message: (t) =>
        `task ${t.id} is ${t.status}: a unit is urged while it owes a receipt or a reply`,
    },
  },
  {
    schema: HandlingTaskSchema,
    type: 'HandlingTask',
    about: (t) => ({ type: 'Proposal', id: t.proposalId }),
    states: {
      PENDING_RECEIPT: { kind: 'task.receive', why: '交办待签收 A task to receive' },
      RETURN_REQUESTED: { kind: 'task.return', why: '申请退回待审 A return to decide' },
      RECEIVED: { kind: 'task.reply', why: '办理中待答复 A reply due' },
      REPLIED: { kind: 'task.replyReview', why: '答复待审核 A reply to check' },
    },
    title: (t) => t.proposalTitle ?? `proposal ${t.proposalId}`,
    district: (t) => t.district,
    dueOn: taskDueOn,
    facts: async (em, t) => {
      const tasks = await em.find(HandlingTaskSchema, { proposalId: t.proposalId });
      const proposal = await em.findOneOrFail(ProposalSchema, { id: t.proposalId });
      const unit = await em.findOne(UnitRefSchema, { id: t.unitId });
      Object.assign(t, {
        coUnitsWaiting: coUnitsWaiting(tasks),
        proposalTitle: proposal.title,
        unitName: unit?.name ?? `unit ${t.unitId}`,
      });
    },
    // An overdue unit (逾期承办单位) waits for the district's staff only once past due: the entry is
    // published with the task and shows from that day (and a week after each urging).
    later: {
      actions: ['urge'],
      from: (t) => (t.status === 'PENDING_RECEIPT' || t.status === 'RECEIVED' ? urgeFrom(t) : null),
      kind: 'task.overdue',
      why: '承办单位逾期待催办 A unit past its due day, to urge',
      title: (t) => `${t.unitName}：${t.proposalTitle ?? `proposal ${t.proposalId}`}`,
    },
    // A co-unit's opinion may let the lead unit reply.
    touches: (t) =>
      t.role === 'CO'
        ? [{ schema: HandlingTaskSchema, where: { proposalId: t.proposalId, role: 'LEAD' } }]
        : [],
    ignore: ['extendDeadline'],
  },
);

/** An item with its member authors looked up, for the author relation. */
export type OpinionRecord = OpinionItem & { authorIds?: number[] };
const isItemAuthor = (ctx: RequestContext, item: OpinionRecord) =>
  ctx.caller.memberId !== null && (item.authorIds ?? []).includes(Number(ctx.caller.memberId));
const itemAuthor: Actor<OpinionRecord> = {
  relation: 'author',
  holds: isItemAuthor,
  parties: (item) => (item.authorIds ?? []).map((member) => ({ member })),
};
const itemStaff = inDistrict<OpinionRecord>('staff', 'information staff');
/** Authors edit their draft; information staff edit an item under screening (the edited text). */
const itemEditable: Guard<OpinionRecord> = {
  name: 'not-editable',
  holds: (ctx, item) =>
    item.status === 'DRAFT'
      ? isItemAuthor(ctx, item)
      : (item.status === 'SUBMITTED' || item.status === 'SELECTED') &&
        isStaffOf(ctx, item.district),
  message: (item) => notEditable(item),
};
function notEditable(item: OpinionRecord): string {
  return `opinion item ${item.id} is ${item.status}: authors edit drafts, staff edit items under screening`;
}

export type OpinionAction =
  | 'submit'
  | 'withdraw'
  | 'select'
  | 'discard'
  | 'issue'
  | 'report'
  | 'adopt'
  | 'feedBack'
  | 'edit';

/**
 * A public-opinion item, from the author's draft to adoption. Adoption at a further level and
 * feedback to the author keep the item where it is, and are audited like any step.
 */
export const opinionWorkflow = defineWorkflow<OpinionStatus, OpinionAction, OpinionRecord>(
  'opinion_item',
  [
    { from: 'DRAFT', action: 'submit', who: [itemAuthor], to: 'SUBMITTED' },
    { from: 'DRAFT', action: 'withdraw', who: [itemAuthor], to: 'WITHDRAWN' },
    { from: 'SUBMITTED', action: 'withdraw', who: [itemAuthor], to: 'WITHDRAWN' },
    { from: 'SUBMITTED', action: 'select', who: [itemStaff], to: 'SELECTED' },
    { from: 'SUBMITTED', action: 'discard', who: [itemStaff], to: 'DISCARDED' },
    { from: 'SELECTED', action: 'discard', who: [itemStaff], to: 'DISCARDED' },
    { from: 'SELECTED', action: 'issue', who: [itemStaff], to: 'ISSUED' },
    { from: 'ISSUED', action: 'report', who: [itemStaff], to: 'REPORTED' },
    { from: 'ISSUED', action: 'adopt', who: [itemStaff], to: 'ADOPTED' },
    { from: 'REPORTED', action: 'adopt', who: [itemStaff], to: 'ADOPTED' },
    { from: 'ADOPTED', action: 'adopt', who: [itemStaff], to: 'ADOPTED' },
    { from: 'ISSUED', action: 'feedBack', who: [itemStaff], to: 'ISSUED' },
    { from: 'REPORTED', action: 'feedBack', who: [itemStaff], to: 'REPORTED' },
    { from: 'ADOPTED', action: 'feedBack', who: [itemStaff], to: 'ADOPTED' },
    ...inPlace(['DRAFT', 'SUBMITTED', 'SELECTED'], 'edit', [itemAuthor, itemStaff], [itemEditable]),
  ],
  { edit: { rule: 'not-editable', message: notEditable } },
  {
    schema: OpinionItemSchema,
    type: 'OpinionItem',
    states: {
      DRAFT: { kind: 'opinion.draft', why: '社情民意草稿待报送 A draft to submit' },
      SUBMITTED: { kind: 'opinion.screen', why: '待筛选 An item to screen' },
      SELECTED: { kind: 'opinion.issue', why: '已选用待编发 Selected, to issue' },
    },
    title: (item) => item.title,
    district: (item) => item.district,
    facts: async (em, item) => {
      const authors = await em.find(OpinionAuthorSchema, { itemId: item.id });
      item.authorIds = authors.map((a) => a.memberId);
    },
    ignore: ['edit', 'withdraw'],
  },
);

export type IssueAction = 'publish' | 'addItems' | 'removeItems';

/** A bulletin issue with the number of items it carries looked up, for its guard. */
export type IssueRecord = BulletinIssue & { itemCount?: number };
const issueStaff = inDistrict<IssueRecord>('staff', 'information staff');
const notEmpty: Guard<IssueRecord> = {
  name: 'empty',
  holds: (_ctx, i) => fact(i.itemCount, 'itemCount') > 0,
  message: (i) => `bulletin issue ${i.id} carries no items`,
};

/** A bulletin issue is put together as a draft and published once; publishing issues every item it carries. */
export const issueWorkflow = defineWorkflow<IssueStatus, IssueAction, IssueRecord>(
  'bulletin_issue',
  [
    {
      from: 'DRAFT',
      action: 'publish',
      who: [issueStaff],
      guards: [notEmpty],
      to: 'PUBLISHED',
    },
    // Items go into, and come out of, a draft issue only.
    ...inPlace(['DRAFT'], 'addItems', [issueStaff]),
    ...inPlace(['DRAFT'], 'removeItems', [issueStaff]),
  ],
  {
    addItems: { rule: 'published', message: published },
    removeItems: { rule: 'published', message: published },
  },
  {
    schema: BulletinIssueSchema,
    type: 'BulletinIssue',
    // Placing items writes the issue's row too, so an issue emptied again leaves the inbox.
    states: {
      DRAFT: {
        kind: 'bulletin.publish',
        why: '社情民意信息专报待编发 A bulletin issue to publish',
      },
    },
    title: (i) => i.title,
    district: (i) => i.district,
    facts: async (em, i) => {
      i.itemCount = await em.count(OpinionItemSchema, { issueId: i.id });
    },
    ignore: ['addItems', 'removeItems'],
  },
);
function published(i: IssueRecord): string {
  return `bulletin issue ${i.id} is already published`;
}

export type SuggestionAction = 'forward' | 'archive' | 'answer';

const suggestionUnit: Actor<MemberSuggestion> = {
  relation: 'the unit it was forwarded to',
  holds: (ctx, s) => s.unitId !== null && callerUnit(ctx.caller) === s.unitId,
  parties: (s) => (s.unitId != null ? [{ unit: s.unitId }] : []),
};

/**
 * A member suggestion (委员意见建议) made from a converted proposal: the proposal office forwards
 * it to one unit for reference or keeps it on file; the unit it went to may answer.
 */
export const suggestionWorkflow = defineWorkflow<
  SuggestionStatus,
  SuggestionAction,
  MemberSuggestion
>(
  'member_suggestion',
  [
    {
      from: 'RECEIVED',
      action: 'forward',
      who: [inDistrict<MemberSuggestion>('staff', 'proposal-committee staff')],
      to: 'FORWARDED',
    },
    {
      from: 'RECEIVED',
      action: 'archive',
      who: [inDistrict<MemberSuggestion>('staff', 'proposal-committee staff')],
      to: 'ARCHIVED',
    },
    { from: 'FORWARDED', action: 'answer', who: [suggestionUnit], to: 'ANSWERED' },
  ],
  {},
  {
    schema: MemberSuggestionSchema,
    type: 'MemberSuggestion',
    states: {
      RECEIVED: {
        kind: 'suggestion.forward',
        why: '委员意见建议待转交或存档 A member suggestion to forward to a unit or keep on file',
      },
      FORWARDED: {
        kind: 'suggestion.answer',
        why: '转来的委员意见建议待答复 A member suggestion forwarded to you, to answer',
      },
    },
    title: (s) => s.title,
    district: (s) => s.district,
  },
);
