import {
  addDays,
  AuditEntrySchema,
  emit,
  syncSequence,
  writeInBatches,
  type EntityManager,
  type SeedOptions,
} from '@cppcc/kit';
import {
  consultationAttended,
  consultationSpoke,
  instructionReceived,
  researchJoined,
} from '@cppcc/events';
import {
  activities,
  activityStatus,
  chainPlan,
  chains,
  cityActivity,
  cityEscalations,
  planAmendments,
  CITY,
  counterpartUnitId,
  escalations,
  guests,
  instructions,
  minutes,
  plannedActivities,
  plannedActivityTopics,
  plans,
  recommendationDates,
  recommendations,
  researchProjects,
  RESEARCH_PHASE_ORDER,
  speeches,
  unitByShort,
  fiveYearCampaign,
  fiveYearContributions,
  fiveYearDistributions,
  fiveYearQuestionnaire,
  fiveYearRecommendations,
  fiveYearResponses,
  FIVE_YEAR_SUBMITTED,
} from '@cppcc/demo';
import {
  InputCampaignSchema,
  InputContributionSchema,
  RecommendationSourceSchema,
} from './entities/input-campaign.entity.js';
import {
  QuestionnaireAnswerSchema,
  QuestionnaireDistributionSchema,
  QuestionnaireQuestionSchema,
  QuestionnaireResponseSchema,
  QuestionnaireSchema,
} from './entities/questionnaire.entity.js';
import { ActivityGuestSchema } from './entities/activity-guest.entity.js';
import { ConsultationActivitySchema } from './entities/consultation-activity.entity.js';
import { ParticipantSchema } from './entities/participant.entity.js';
import { SpeechSchema } from './entities/speech.entity.js';
import {
  InstructionSchema,
  type LedgerEntry,
  LedgerEntrySchema,
} from './entities/instruction.entity.js';
import {
  ConsultationPlanSchema,
  EscalationSchema,
  PlanAmendmentSchema,
  PlanTopicSchema,
} from './entities/plan.entity.js';
import { RecommendationSchema, type Recommendation } from './entities/recommendation.entity.js';
import {
  FieldVisitAttendanceSchema,
  FieldVisitSchema,
  ResearchPhaseSchema,
  ResearchProjectSchema,
  ResearchTeamMemberSchema,
  type ResearchProject,
} from './entities/research-project.entity.js';
import { announceAll } from './commands/announce.js';
import { ResultSchema, ResultTimelineEntrySchema } from './entities/result.entity.js';

/** The report's key consultation activities; each attendance and speech goes out on the bus. */
async function seedActivities(
  em: EntityManager,
  scale: number,
  progress: SeedOptions['progress'],
): Promise<void> {
  const held = activities(scale);
  await writeInBatches(
    em,
    held,
    (a) => {
      em.create(ConsultationActivitySchema, {
        id: a.id,
        district: a.district,
        title: a.title,
        form: a.form,
        topic: a.topic,
        heldOn: a.heldOn,
        counterpart: a.counterpart,
        counterpartUnitId: counterpartUnitId(a),
        location: null,
        planTopicId: null,
        minutes: minutes[a.title] && activityStatus(a) === 'CLOSED' ? minutes[a.title] : null,
        status: activityStatus(a),
        public: true,
      });
      for (const memberId of a.participantIds) {
        em.create(ParticipantSchema, {
          district: a.district,
          activityId: a.id,
          memberId,
          attendance: 'PRESENT',
          public: true,
        });
        const payload = {
          activityId: String(a.id),
          memberId: String(memberId),
          form: a.form,
          title: a.title,
          heldOn: a.heldOn,
        };
        emit(em, 'consultation', consultationAttended, payload, a.district);
      }
    },
    progress,
    50,
  );

  let nextId = held.length;
  for (const p of plannedActivities) {
    em.create(ConsultationActivitySchema, {
      id: ++nextId,
      district: CITY,
      title: p.title,
      form: p.form,
      topic: p.topic,
      heldOn: p.heldOn,
      counterpart: p.counterpartShort ? unitByShort(CITY, p.counterpartShort).name : null,
      counterpartUnitId: p.counterpartShort ? unitByShort(CITY, p.counterpartShort).id : null,
      location: p.location,
      planTopicId: null,
      minutes: null,
      status: p.status,
      public: true,
    });
  }
  await em.flush();
  await syncSequence(em, 'consultation_activity');

  for (const g of guests) {
    const a = cityActivity(g.activityTitle);
    em.create(ActivityGuestSchema, {
      district: a.district,
      activityId: a.id,
      kind: g.kind,
      name: g.name,
      position: g.position,
      unitId: g.unitShort ? unitByShort(a.district, g.unitShort).id : null,
      public: true,
    });
  }
  await em.flush();
  for (const s of speeches) {
    const a = cityActivity(s.activityTitle);
    const memberId = a.participantIds[s.participant];
    const speech = em.create(SpeechSchema, {
      district: a.district,
      activityId: a.id,
      memberId,
      guestId: null,
      title: s.title,
      mode: s.mode,
      spokeOn: a.heldOn,
      text: null,
      public: true,
    });
    await em.flush();
    emit(
      em,
      'consultation',
      consultationSpoke,
      {
        activityId: String(a.id),
        speechId: String(speech.id),
        memberId: String(memberId),
        title: s.title,
        mode: s.mode,
        spokeOn: a.heldOn,
      },
      a.district,
    );
  }
  await em.flush();
}

/** Research projects with their phases, teams and visits; each team member's record hears of it. */
async function seedResearch(em: EntityManager): Promise<Map<string, ResearchProject>> {
  const byKey = new Map<string, ResearchProject>();
  for (const r of researchProjects) {
    const current = RESEARCH_PHASE_ORDER.indexOf(r.status);
    const submitted =
      current >= RESEARCH_PHASE_ORDER.indexOf('SUBMITTED')
        ? r.started[RESEARCH_PHASE_ORDER.indexOf('SUBMITTED')]
        : null;
    const project = em.create(ResearchProjectSchema, {
      district: r.district,
      title: r.title,
      topic: r.topic,
      planTopicId: null,
      leadCommitteeId: r.leadCommitteeId,
      joint: r.joint,
      partnerCommittees: r.partnerCommittees,
      plan: r.plan,
      reportTitle: r.reportTitle,
      reportText: r.reportTitle
        ? `${r.reportTitle}：${r.plan}调研发现，相关工作已取得明显成效，但仍存在机制不健全、保障不足等问题，建议进一步完善。`
        : null,
      reportSubmittedOn: submitted,
      status: r.status,
      public: r.public,
    });
    await em.flush();
    byKey.set(r.key, project);
    for (const [i, phase] of RESEARCH_PHASE_ORDER.entries()) {
      em.create(ResearchPhaseSchema, {
        district: r.district,
        projectId: project.id,
        phase,
        dueOn: r.due[i] ?? null,
        startedOn: r.started[i] ?? null,
        completedOn: i < current ? r.started[i + 1] : null,
        public: r.public,
      });
    }
    const team = cityActivity(r.teamFrom, r.district).participantIds.slice(0, r.teamSize);
    for (const [i, memberId] of team.entries()) {
      const role = i === 0 ? 'LEAD' : 'MEMBER';
      em.create(ResearchTeamMemberSchema, {
        district: r.district,
        projectId: project.id,
        memberId,
        role,
        joinedOn: r.started[0],
        public: r.public,
      });
      emit(
        em,
        'consultation',
        researchJoined,
        {
          projectId: String(project.id),
          memberId: String(memberId),
          title: r.title,
          role,
          joinedOn: r.started[0],
        },
        r.district,
      );
    }
    for (const v of r.visits) {
      const visit = em.create(FieldVisitSchema, {
        district: r.district,
        projectId: project.id,
        ...v,
        public: r.public,
      });
      await em.flush();
      for (const [i, memberId] of team.entries()) {
        em.create(FieldVisitAttendanceSchema, {
          district: r.district,
          visitId: visit.id,
          memberId,
          attendance: i === team.length - 1 ? 'ON_LEAVE' : 'PRESENT',
          public: r.public,
        });
      }
    }
  }
  await em.flush();
  return byKey;
}

/** Outcomes, the leaders' instructions on them with the conversion ledger, and the chains carrying them out. */
async function seedOutcomes(
  em: EntityManager,
  research: Map<string, ResearchProject>,
): Promise<void> {
  const recs = new Map<string, Recommendation>();
  for (const r of recommendations) {
    const activity = r.fromActivity ? cityActivity(r.fromActivity) : null;
    const project = r.fromResearch ? research.get(r.fromResearch)! : null;
    const { submittedOn, adoptedOn } = recommendationDates(r);
    const authors = activity ? activity.participantIds.slice(0, 3) : [];
    const rec = em.create(RecommendationSchema, {
      district: CITY,
      kind: r.kind,
      title: r.title,
      text: `${r.title}。一是加强统筹谋划；二是完善政策支持；三是强化督促落实。`,
      activityId: activity?.id ?? null,
      researchProjectId: project?.id ?? null,
      authorIds: authors,
      submittedTo: r.submittedTo,
      submittedOn,
      adoption: r.adoption,
      adoptedOn,
      status: adoptedOn ? 'ADOPTED' : 'SUBMITTED',
      public: true,
    });
    await em.flush();
    recs.set(r.key, rec);
  }

  // Each department's follow-up of a recommendation, by recommendation and unit: the chain's task
  // for the same department stands for it rather than recording it a second time.
  const followUps = new Map<string, LedgerEntry>();
  for (const i of instructions) {
    const isResearch = 'research' in i.subject;
    const project = 'research' in i.subject ? research.get(i.subject.research)! : null;
    const rec = 'recommendation' in i.subject ? recs.get(i.subject.recommendation)! : null;
    const since = project ? project.reportSubmittedOn! : rec!.submittedOn!;
    const instructedOn = addDays(since, i.after);
    const subjectType = isResearch
      ? 'RESEARCH_REPORT'
      : rec!.kind === 'REPORT'
        ? 'RECOMMENDATION_REPORT'
        : 'RECOMMENDATION';
    const row = em.create(InstructionSchema, {
      district: CITY,
      subjectType,
      subjectId: (project ?? rec)!.id,
      leader: i.leader,
      leaderPost: i.leaderPost,
      rank: i.rank,
      level: i.level,
      instructedOn,
      text: i.text,
      public: false,
    });
    await em.flush();
    const memberIds = project
      ? (
          await em.find(
            ResearchTeamMemberSchema,
            { projectId: project.id },
            { orderBy: { id: 'asc' } },
          )
        ).map((s) => String(s.memberId))
      : rec!.authorIds.map(String);
    emit(
      em,
      'consultation',
      instructionReceived,
      {
        instructionId: String(row.id),
        subjectType,
        subjectId: String((project ?? rec)!.id),
        title: project ? project.reportTitle! : rec!.title,
        leader: i.leader,
        level: i.level,
        memberIds,
        instructedOn,
      },
      CITY,
    );
    for (const l of i.ledger) {
      const entry = em.create(LedgerEntrySchema, {
        district: CITY,
        instructionId: row.id,
        unitId: unitByShort(CITY, l.unitShort).id,
        task: l.task,
        dueOn: addDays(instructedOn, l.dueAfter),
        feedback: l.feedback,
        repliedOn: l.feedback ? addDays(instructedOn, l.dueAfter - 10) : null,
        status: l.status,
        public: false,
      });
      if (rec) followUps.set(`${rec.id}:${entry.unitId}`, entry);
    }
  }
  await em.flush();

  for (const c of chains) {
    const rec = recs.get(c.recommendation)!;
    const adoptedOn = rec.adoptedOn!;
    const topic = em.create(ResultSchema, {
      district: CITY,
      rootId: null,
      parentId: null,
      kind: 'TOPIC',
      title: c.topic,
      description: null,
      recommendationId: null,
      unitId: null,
      document: null,
      adoptedOn: null,
      // 党委出题: the chain starts the day the Party committee approved the plan that set its topic.
      startOn: chainPlan(c).approvedOn,
      dueOn: null,
      weight: 1,
      ownProgress: 0,
      status: null,
      public: true,
    });
    await em.flush();
    topic.rootId = topic.id;
    const adoption = em.create(ResultSchema, {
      district: CITY,
      rootId: topic.id,
      parentId: topic.id,
      kind: 'ADOPTION',
      title: c.adoption,
      description: rec.adoption,
      recommendationId: rec.id,
      unitId: null,
      document: c.document,
      adoptedOn,
      startOn: adoptedOn,
      dueOn: null,
      weight: 1,
      ownProgress: 0,
      status: null,
      public: true,
    });
    await em.flush();
    for (const t of c.tasks) {
      const unitId = unitByShort(CITY, t.unitShort).id;
      const task = em.create(ResultSchema, {
        district: CITY,
        rootId: topic.id,
        parentId: adoption.id,
        kind: 'TASK',
        title: t.title,
        description: null,
        recommendationId: null,
        unitId,
        document: null,
        adoptedOn: null,
        startOn: adoptedOn,
        dueOn: addDays(adoptedOn, t.dueAfter),
        weight: t.weight,
        ownProgress: t.progress,
        status: t.status,
        // The demo's statuses agree with the entry's (accepted is done, replied under way).
        ledgerEntryId: followUps.get(`${rec.id}:${unitId}`)?.id ?? null,
        public: true,
      });
      await em.flush();
      if (t.status !== 'NOT_STARTED')
        em.create(ResultTimelineEntrySchema, {
          district: CITY,
          resultId: task.id,
          happenedOn: addDays(adoptedOn, 7),
          text: '开始实施',
          progress: 0,
          actor: null,
          public: true,
        });
      if (t.status === 'IN_PROGRESS')
        em.create(ResultTimelineEntrySchema, {
          district: CITY,
          resultId: task.id,
          happenedOn: addDays(adoptedOn, 60),
          text: '阶段性推进',
          progress: t.progress,
          actor: null,
          public: true,
        });
      if (t.status === 'DONE')
        em.create(ResultTimelineEntrySchema, {
          district: CITY,
          resultId: task.id,
          happenedOn: addDays(adoptedOn, t.dueAfter - 5),
          text: '完成',
          progress: 100,
          actor: null,
          public: true,
        });
    }
  }
  await em.flush();
}

/** The annual plans and their topics; planned activities point at the topic they carry out. */
async function seedPlans(em: EntityManager): Promise<void> {
  for (const p of plans) {
    const { topics, ...fields } = p;
    const plan = em.create(ConsultationPlanSchema, { ...fields, public: p.status === 'PUBLISHED' });
    await em.flush();
    for (const t of topics) {
      const { topic: _theme, ...topicFields } = t;
      const row = em.create(PlanTopicSchema, {
        ...topicFields,
        district: p.district,
        planId: plan.id,
        public: plan.public,
      });
      await em.flush();
      // The activities an outcome chain grew from carry out the topic the Party committee set.
      for (const chain of chains.filter((c) => c.planTopic === t.title)) {
        const from = recommendations.find((r) => r.key === chain.recommendation)?.fromActivity;
        if (from)
          await em.nativeUpdate(
            ConsultationActivitySchema,
            { title: from, district: p.district },
            { planTopicId: row.id },
          );
      }
      for (const [activityTitle, topicTitle] of Object.entries(plannedActivityTopics)) {
        if (topicTitle === t.title)
          await em.nativeUpdate(
            ConsultationActivitySchema,
            { title: activityTitle, district: p.district },
            { planTopicId: row.id },
          );
      }
    }
  }
  // Amendments proposed to published plans, waiting for the Party committee's approval.
  for (const a of planAmendments) {
    const { district, year, reason, proposedOn, ...topic } = a;
    const plan = await em.findOneOrFail(ConsultationPlanSchema, { district, year });
    const row = em.create(PlanAmendmentSchema, {
      district,
      planId: plan.id,
      kind: 'ADD_TOPIC',
      topicId: null,
      proposed: { ...topic, proposedBy: null, leadCommitteeId: null },
      reason,
      proposedOn,
      status: 'PROPOSED',
      public: false,
    });
    await em.flush();
    em.create(AuditEntrySchema, {
      entity: 'plan_amendment',
      entityId: String(row.id),
      action: 'propose',
      fromState: null,
      toState: 'PROPOSED',
      actor: null,
      note: reason,
      at: new Date(),
    });
  }
  await em.flush();
}

/**
 * The eco-compensation topic taken up by the provincial and the national committee, and the
 * districts' outcomes escalated to the city committee (one accepted, one waiting for its answer).
 */
async function seedEscalations(
  em: EntityManager,
  research: Map<string, ResearchProject>,
): Promise<void> {
  for (const e of escalations) {
    const { research: key, activityTitle, ...fields } = e;
    em.create(EscalationSchema, {
      ...fields,
      district: CITY,
      researchProjectId: research.get(key)!.id,
      activityId: cityActivity(activityTitle).id,
      status: 'TAKEN_UP',
      public: true,
    });
  }
  await em.flush();
  const step = (id: number, action: string, from: string | null, to: string, note: string) =>
    em.create(AuditEntrySchema, {
      entity: 'escalation',
      entityId: String(id),
      action,
      fromState: from,
      toState: to,
      actor: null,
      note,
      at: new Date(),
    });
  for (const e of cityEscalations) {
    const activity = cityActivity(e.activityTitle, e.district);
    const escalatedOn = addDays(activity.heldOn, e.after);
    const answeredOn = e.answer ? addDays(escalatedOn, e.answer.after) : null;
    const row = em.create(EscalationSchema, {
      district: e.district,
      body: 'CITY_COMMITTEE',
      toDistrict: CITY,
      title: e.title,
      activityId: activity.id,
      escalatedOn,
      takenUpOn: e.answer?.accepted ? answeredOn : null,
      note: e.reason,
      answer: e.answer?.text ?? null,
      answeredOn,
      status: e.answer ? (e.answer.accepted ? 'ACCEPTED' : 'DECLINED') : 'SUBMITTED',
      public: false,
    });
    await em.flush();
    step(row.id, 'escalate', null, 'SUBMITTED', e.reason);
    if (e.answer)
      step(
        row.id,
        e.answer.accepted ? 'accept' : 'decline',
        'SUBMITTED',
        row.status,
        e.answer.text,
      );
  }
  await em.flush();
}

/**
 * The five-year-plan campaign (助力编制“十四五”规划): the questionnaire, copies handed out and
 * answered, research reports and suggestions collected and screened, and the recommendations
 * compiled from them and submitted — each figure the report quotes is a count of these rows.
 */
async function seedPublicInput(em: EntityManager): Promise<void> {
  const { district } = fiveYearCampaign;
  const campaign = em.create(InputCampaignSchema, { ...fiveYearCampaign });
  await em.flush();
  const step = (entity: string, id: number, action: string, from: string | null, to: string) =>
    em.create(AuditEntrySchema, {
      entity,
      entityId: String(id),
      action,
      fromState: from,
      toState: to,
      actor: null,
      note: null,
      at: new Date(),
    });
  for (const [action, from, to] of [
    ['draft', null, 'DRAFT'],
    ['open', 'DRAFT', 'OPEN'],
    ['close', 'OPEN', 'CLOSED'],
    ['compile', 'CLOSED', 'COMPILED'],
  ] as const)
    step('input_campaign', campaign.id, action, from, to);

  const { questions, ...q } = fiveYearQuestionnaire;
  const questionnaire = em.create(QuestionnaireSchema, { ...q, district, campaignId: campaign.id });
  await em.flush();
  const rows = questions.map((x, i) =>
    em.create(QuestionnaireQuestionSchema, {
      ...x,
      district,
      questionnaireId: questionnaire.id,
      position: i + 1,
      public: true,
    }),
  );
  for (const d of fiveYearDistributions)
    em.create(QuestionnaireDistributionSchema, {
      ...d,
      district,
      questionnaireId: questionnaire.id,
      public: true,
    });
  await em.flush();
  const questionIds = rows.map((r) => r.id);

  // The tables are empty when the demo is seeded: ids are given so answers and sources can name them.
  for (const [i, r] of fiveYearResponses().entries()) {
    const id = i + 1;
    em.create(QuestionnaireResponseSchema, {
      id,
      district,
      questionnaireId: questionnaire.id,
      respondent: r.respondent,
      memberId: r.memberId,
      enteredBy: r.respondent === 'PAPER' ? 'demo-staff' : null,
      submittedOn: r.submittedOn,
      public: false,
    });
    for (const a of r.answers)
      em.create(QuestionnaireAnswerSchema, {
        district,
        responseId: id,
        questionId: questionIds[a.position - 1],
        option: a.option,
        text: a.text,
        public: false,
      });
  }
  await em.flush();
  await syncSequence(em, 'questionnaire_response');

  const contributions = fiveYearContributions();
  for (const [i, c] of contributions.entries()) {
    const { subject: _s, ...fields } = c;
    em.create(InputContributionSchema, {
      ...fields,
      id: i + 1,
      district,
      campaignId: campaign.id,
      public: false,
    });
    step('input_contribution', i + 1, 'receive', null, 'RECEIVED');
    step(
      'input_contribution',
      i + 1,
      c.status === 'ACCEPTED' ? 'accept' : 'reject',
      'RECEIVED',
      c.status,
    );
  }
  await em.flush();
  await syncSequence(em, 'input_contribution');

  const compiled = fiveYearRecommendations().map((r) => {
    const sources = r.sources.map((i) => contributions[i]);
    const authorIds = [
      ...new Set(sources.flatMap((c) => (c.memberId === null ? [] : [c.memberId]))),
    ];
    const rec = em.create(RecommendationSchema, {
      district,
      kind: 'RECOMMENDATION',
      title: r.title,
      text: `${r.title}：${sources[0].text}`,
      activityId: null,
      researchProjectId: null,
      campaignId: campaign.id,
      authorIds,
      submittedTo: FIVE_YEAR_SUBMITTED.submittedTo,
      submittedOn: FIVE_YEAR_SUBMITTED.submittedOn,
      adoption: null,
      adoptedOn: null,
      status: 'SUBMITTED',
      public: true,
    });
    return { rec, sources: r.sources };
  });
  await em.flush();
  for (const { rec, sources } of compiled) {
    for (const i of sources)
      em.create(RecommendationSourceSchema, { recommendationId: rec.id, contributionId: i + 1 });
    step('recommendation', rec.id, 'draft', null, 'DRAFT');
    step('recommendation', rec.id, 'submit', 'DRAFT', 'SUBMITTED');
  }
  await em.flush();
}

export async function seed(em: EntityManager, { scale, progress }: SeedOptions): Promise<void> {
  await seedActivities(em, scale, progress);
  await seedPlans(em);
  const research = await seedResearch(em);
  await seedOutcomes(em, research);
  await seedEscalations(em, research);
  await seedPublicInput(em);
  // Demo records announce themselves like live ones, so every replica can name them.
  await announceAll(em);
}

export async function isSeeded(em: EntityManager): Promise<boolean> {
  return (await em.count(ConsultationActivitySchema, {})) > 0;
}
