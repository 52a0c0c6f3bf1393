import { announceAllProposals } from './commands/common.js';
import { announceInstructionSubjects, handOverInstructions } from './commands/instructions.js';
import {
  addDays,
  AuditEntrySchema,
  emit,
  type EntityManager,
  type EventDefinition,
  type SeedOptions,
  syncSequence,
  writeInBatches,
} from '@cppcc/kit';
import { demoInstructions, opinionWork, proposalDemoEvents, proposalWork } from '@cppcc/demo';
import {
  instructionReceived,
  opinionItemAdopted,
  opinionItemSubmitted,
  proposalFiled,
  proposalHonoured,
  proposalSubmitted,
} from '@cppcc/events';
import { CosignerSchema } from './entities/cosigner.entity.js';
import {
  AwardSchema,
  HandlingScoreSchema,
  QualityScoreSchema,
} from './entities/evaluation.entity.js';
import { HandlingTaskSchema } from './entities/handling-task.entity.js';
import { KeyProposalSchema, SupervisionSchema } from './entities/key-proposal.entity.js';
import {
  AdoptionSchema,
  BulletinIssueSchema,
  InstructionSchema,
  OpinionAuthorSchema,
  OpinionItemSchema,
} from './entities/opinion-item.entity.js';
import { proposalCategory, ProposalSchema } from './entities/proposal.entity.js';
import { InstructionRefSchema } from './entities/refs.entity.js';
import { ProposalRatingSchema } from './entities/rating.entity.js';
import { ReplySchema } from './entities/reply.entity.js';

const CONTRACTS: Record<string, EventDefinition> = Object.fromEntries(
  [
    proposalSubmitted,
    proposalFiled,
    proposalHonoured,
    opinionItemSubmitted,
    opinionItemAdopted,
    instructionReceived,
  ].map((e) => [e.type, e]),
);

const at = (on: string) => new Date(on.length === 10 ? `${on}T08:00:00Z` : on);

function auditRow(
  em: EntityManager,
  entity: string,
  entityId: number,
  action: string,
  fromState: string | null,
  toState: string,
  on: string,
  note: string | null = null,
): void {
  em.create(AuditEntrySchema, {
    entity,
    entityId: String(entityId),
    action,
    fromState,
    toState,
    actor: 'demo',
    note,
    at: at(on),
  });
}

/**
 * Demo proposals with their whole handling, and the city's public-opinion bulletin, from
 * packages/demo. Every row a live step would write is written, audit trail included, and every
 * event a live step would send is sent (proposalDemoEvents), so members' archives agree.
 */
export async function seed(em: EntityManager, { scale, progress }: SeedOptions): Promise<void> {
  let taskId = 0;
  let replyId = 0;
  let keyId = 0;
  await writeInBatches(
    em,
    proposalWork(scale),
    (w) => {
      const d = w.proposal;
      em.create(ProposalSchema, {
        id: d.id,
        district: d.district,
        caseNumber: w.caseNumber,
        title: d.title,
        category: proposalCategory(d.category),
        year: d.year,
        situation: d.situation,
        analysis: d.analysis,
        suggestions: d.suggestions,
        status: w.status,
        authorId: d.authorId,
        submittedAt: at(w.submittedAt),
        filedAt: w.filedAt ? at(w.filedAt) : null,
        public: w.filedAt !== null,
        kind: w.kind,
        window: w.window,
        term: w.term,
        session: w.session,
        attachments: [],
        statusNote: w.statusNote,
        mode: w.mode,
        assignedOn: w.assignedOn,
        repliedAt: w.repliedAt ? at(w.repliedAt) : null,
        rating: w.rating,
        ratingComment: w.ratingComment,
        closedAt: w.closedAt ? at(w.closedAt) : null,
      });
      if (w.rating) {
        const rated = w.steps.find(
          (s) => s.action === 'rateSatisfied' || s.action === 'rateUnsatisfied',
        )!;
        em.create(ProposalRatingSchema, {
          proposalId: d.id,
          memberId: d.authorId,
          role: 'LEAD',
          round: 1,
          rating: w.rating,
          comment: w.ratingComment,
          ratedAt: at(rated.on),
        });
      }
      for (const r of w.cosignerRatings) {
        em.create(ProposalRatingSchema, {
          proposalId: d.id,
          memberId: r.memberId,
          role: 'COSIGNER',
          round: 1,
          rating: r.rating,
          comment: r.comment,
          ratedAt: at(r.on),
        });
        // The step leaves the proposal where the lead's rating put it.
        const state = w.rating === 'UNSATISFIED' ? 'UNSATISFIED' : 'RATED';
        auditRow(
          em,
          'proposal',
          d.id,
          'rateAsCosigner',
          state,
          state,
          r.on,
          `${r.rating}${r.comment ? `: ${r.comment}` : ''}`,
        );
      }
      for (const memberId of w.cosignerIds) {
        em.create(CosignerSchema, {
          proposalId: d.id,
          memberId,
          status: 'ACCEPTED',
          respondBy: w.submittedAt.slice(0, 10),
          respondedAt: at(w.submittedAt),
          source: 'INVITATION',
        });
      }
      const taskIds = w.tasks.map((t) => {
        const id = ++taskId;
        em.create(HandlingTaskSchema, {
          id,
          proposalId: d.id,
          district: d.district,
          unitId: t.unitId,
          role: t.role,
          status: t.status,
          assignedOn: t.assignedOn,
          receiptDueOn: addDays(t.assignedOn, 10),
          dueOn: t.dueOn,
          startedOn: t.startedOn,
          extensionReason: t.extensionReason,
          receivedAt: at(t.assignedOn),
          returnReason: null,
          replacedById: null,
          opinion: t.opinion,
          opinionAt: t.opinion ? at(t.doneOn!) : null,
          doneOn: t.doneOn,
        });
        for (const r of t.replies) {
          em.create(ReplySchema, {
            id: ++replyId,
            proposalId: d.id,
            taskId: id,
            unitId: t.unitId,
            grade: r.grade,
            repliedAt: at(r.on),
            review: r.review,
            reviewNote: null,
            text: `关于市政协${d.year}年提案第${w.caseNumber}号《${d.title}》的答复：经认真研究，现答复如下……`,
            referenceNumber: r.referenceNumber,
            signingLeader: '单位主要负责同志',
            contact: '办公室 0559-2500000',
          });
        }
        return id;
      });
      for (const s of w.steps) {
        if (s.entity === 'proposal')
          auditRow(em, 'proposal', d.id, s.action, s.from, s.to, s.on, s.note ?? null);
        else
          auditRow(
            em,
            'handling_task',
            taskIds[s.task!],
            s.action,
            s.from,
            s.to,
            s.on,
            s.note ?? null,
          );
      }
      if (w.key) {
        const id = ++keyId;
        em.create(KeyProposalSchema, {
          id,
          proposalId: d.id,
          district: d.district,
          year: d.year,
          chairMeetingOn: w.key.chairMeetingOn,
          leaderName: w.key.leaderName,
          leaderTitle: w.key.leaderTitle,
          topLeader: w.key.topLeader,
          consultationId: w.key.consultationId,
          researchProjectId: w.key.researchProjectId,
        });
        auditRow(
          em,
          'proposal',
          d.id,
          'designateKey',
          w.status,
          w.status,
          w.key.chairMeetingOn,
          `${w.key.leaderTitle} ${w.key.leaderName}`,
        );
        for (const s of w.key.supervision)
          em.create(SupervisionSchema, {
            keyProposalId: id,
            kind: s.kind,
            heldOn: s.heldOn,
            text: s.text,
            recordedBy: 'demo',
          });
      }
      for (const q of w.qualityScores) {
        const t = w.tasks[q.task];
        em.create(QualityScoreSchema, {
          proposalId: d.id,
          taskId: taskIds[q.task],
          unitId: t.unitId,
          scores: q.scores,
          total: Object.values(q.scores).reduce((a, b) => a + b, 0),
          scoredAt: at(t.doneOn!),
        });
        auditRow(
          em,
          'proposal',
          d.id,
          'scoreQuality',
          w.status,
          w.status,
          t.doneOn!,
          `task ${taskIds[q.task]}`,
        );
      }
      for (const h of w.handlingScores) {
        const t = w.tasks[h.task];
        em.create(HandlingScoreSchema, {
          proposalId: d.id,
          taskId: taskIds[h.task],
          unitId: t.unitId,
          memberId: h.memberId,
          scores: h.scores,
          total: Object.values(h.scores).reduce((a, b) => a + b, 0),
          scoredAt: at(t.doneOn!),
        });
        auditRow(
          em,
          'proposal',
          d.id,
          'scoreHandling',
          w.status,
          w.status,
          t.doneOn!,
          `task ${taskIds[h.task]}`,
        );
      }
      if (w.award) {
        em.create(AwardSchema, {
          proposalId: d.id,
          district: d.district,
          year: w.award.year,
          awardedOn: w.award.awardedOn,
        });
        auditRow(
          em,
          'proposal',
          d.id,
          'awardExcellent',
          w.status,
          w.status,
          w.award.awardedOn,
          String(w.award.year),
        );
      }
    },
    progress,
  );

  const { issues, items } = opinionWork(scale);
  for (const i of issues) {
    em.create(BulletinIssueSchema, {
      ...i,
      status: i.publishedOn ? 'PUBLISHED' : 'DRAFT',
      public: false,
    });
    if (i.publishedOn)
      auditRow(em, 'bulletin_issue', i.id, 'publish', 'DRAFT', 'PUBLISHED', i.publishedOn);
  }
  await em.flush();
  await writeInBatches(
    em,
    items,
    (item) => {
      em.create(OpinionItemSchema, {
        id: item.id,
        district: item.district,
        title: item.title,
        content: item.content,
        editedContent: null,
        category: proposalCategory(item.category),
        source: item.source,
        sourceName: item.sourceName,
        status: item.status,
        statusNote: item.statusNote,
        submittedOn: item.submittedOn,
        issueId: item.issueId,
        reportedTo: item.reportedTo,
        reportedOn: item.reportedOn,
        feedback: item.feedback,
        fedBackOn: item.fedBackOn,
        fromProposalId: null,
        public: false,
      });
      for (const memberId of item.authorIds)
        em.create(OpinionAuthorSchema, { itemId: item.id, memberId });
      auditRow(em, 'opinion_item', item.id, 'submit', null, 'SUBMITTED', item.submittedOn);
      const issue = item.issueId ? issues[item.issueId - 1] : null;
      if (item.status !== 'SUBMITTED')
        auditRow(
          em,
          'opinion_item',
          item.id,
          item.status === 'DISCARDED' ? 'discard' : 'select',
          'SUBMITTED',
          item.status === 'DISCARDED' ? 'DISCARDED' : 'SELECTED',
          item.submittedOn,
          item.statusNote,
        );
      if (issue?.publishedOn)
        auditRow(
          em,
          'opinion_item',
          item.id,
          'issue',
          'SELECTED',
          'ISSUED',
          issue.publishedOn,
          `issue ${issue.year}-${issue.number}`,
        );
      if (item.reportedOn)
        auditRow(
          em,
          'opinion_item',
          item.id,
          'report',
          'ISSUED',
          'REPORTED',
          item.reportedOn,
          item.reportedTo!.join('、'),
        );
      let state = item.reportedOn ? 'REPORTED' : 'ISSUED';
      for (const a of item.adoptions) {
        em.create(AdoptionSchema, {
          itemId: item.id,
          district: item.district,
          level: a.level,
          mode: a.mode,
          adoptedOn: a.adoptedOn,
          publication: a.publication,
        });
        auditRow(
          em,
          'opinion_item',
          item.id,
          'adopt',
          state,
          'ADOPTED',
          a.adoptedOn,
          `${a.level} ${a.mode}`,
        );
        state = 'ADOPTED';
      }
      if (item.fedBackOn)
        auditRow(em, 'opinion_item', item.id, 'feedBack', state, state, item.fedBackOn);
    },
    progress,
  );
  // The demo's instructions on proposals and items start where an upgraded deployment's do: rows
  // of the old table with their tally, handed over to consultation below, as on the first start.
  for (const i of demoInstructions(scale)) {
    em.create(InstructionRefSchema, {
      instructionId: null,
      legacyId: i.id,
      district: i.district,
      subjectType: i.subjectType,
      subjectId: i.subjectId,
      level: i.level,
      instructedOn: i.instructedOn,
    });
    em.create(InstructionSchema, {
      id: i.id,
      district: i.district,
      subjectType: i.subjectType,
      subjectId: i.subjectId,
      leader: i.leader,
      level: i.level,
      text: i.text,
      instructedOn: i.instructedOn,
      public: false,
    });
    auditRow(
      em,
      i.subjectType === 'PROPOSAL' ? 'proposal' : 'opinion_item',
      i.subjectId,
      'instruct',
      null,
      i.level,
      i.instructedOn,
      `${i.leader}: ${i.text}`,
    );
  }
  await em.flush();
  // Each announced exactly as a live step would be.
  await writeInBatches(em, proposalDemoEvents(scale), (e) =>
    emit(em, 'proposals', CONTRACTS[e.type], e.payload as never, e.district),
  );
  for (const table of [
    'proposal',
    'proposal_rating',
    'handling_task',
    'proposal_reply',
    'key_proposal',
    'bulletin_issue',
    'opinion_item',
    'instruction',
  ])
    await syncSequence(em, table);
  // And as they stand, for the replicas that name proposals and the subjects of instructions.
  await announceAllProposals(em);
  await announceInstructionSubjects(em);
  await handOverInstructions(em);
}

export async function isSeeded(em: EntityManager): Promise<boolean> {
  return (await em.count(ProposalSchema, {})) > 0;
}
