import {
  activities,
  CITY,
  DEMO_BASE_LIMITS,
  DEMO_ROUNDS,
  demoRecommendationId,
  demoResearchProjectId,
  demoSamples,
  ECO_ESCALATIONS,
  ECO_TASKS,
  JIEKOU,
  proposalWork,
  recommendations,
  researchProjects,
  SHEXIAN,
} from '@cppcc/plugin-sdk/demo';
import { audit, type EntityManager, type SeedOptions } from '@cppcc/plugin-sdk';
import { storeAssessment } from './commands/assessment.js';
import { CompensationRoundSchema, type RoundState } from './entities/compensation-round.entity.js';
import { CooperationTaskSchema } from './entities/cooperation-task.entity.js';
import { EscalationSchema } from './entities/escalation.entity.js';
import { FundContributionSchema } from './entities/fund-contribution.entity.js';
import { MonitoringSectionSchema } from './entities/monitoring-section.entity.js';
import { TopicLinkSchema } from './entities/topic-link.entity.js';
import { WaterQualitySampleSchema } from './entities/water-quality-sample.entity.js';

export async function isSeeded(em: EntityManager): Promise<boolean> {
  return (await em.count(CompensationRoundSchema, {}, { filters: false })) > 0;
}

export async function seed(em: EntityManager, { scale }: SeedOptions): Promise<void> {
  const now = new Date();
  const section = em.create(MonitoringSectionSchema, {
    district: SHEXIAN,
    public: true,
    code: JIEKOU.code,
    name: JIEKOU.name,
    description: JIEKOU.description,
    createdAt: now,
  });
  await em.flush();
  const samples = demoSamples();
  for (const s of samples) {
    em.create(WaterQualitySampleSchema, {
      district: SHEXIAN,
      public: true,
      sectionId: section.id,
      sampledOn: s.sampledOn,
      year: s.year,
      values: JSON.stringify(s.values),
      party: JIEKOU.party,
      recordedBy: 'demo',
      recordedAt: now,
    });
  }
  const ecoActivities = activities(scale).filter(
    (a) => a.district === CITY && a.topic === '生态补偿',
  );
  const ecoProposals = proposalWork(scale)
    .filter((w) => w.proposal.district === CITY && w.proposal.title.includes('新安江'))
    .slice(0, 3);
  const ecoResearch = researchProjects.filter((p) => p.district === CITY && p.topic === '生态补偿');
  const ecoRecommendations = recommendations.filter(
    (r) => r.fromResearch && ecoResearch.some((p) => p.key === r.fromResearch),
  );
  const lastSampled = Math.max(...samples.map((s) => s.year));
  for (const r of DEMO_ROUNDS) {
    const round = em.create(CompensationRoundSchema, {
      district: CITY,
      public: true,
      basin: '新安江–千岛湖',
      startYear: r.startYear,
      endYear: r.endYear,
      agreementTitle: r.title,
      agreementSignedOn: r.signedOn ?? `${r.startYear}-01-01`,
      parties: JSON.stringify(['安徽省', '浙江省']),
      upstream: '安徽省',
      downstream: '浙江省',
      sectionId: section.id,
      rule: JSON.stringify({ k: r.k, threshold: 1, baseLimits: DEMO_BASE_LIMITS }),
      transferAmount: r.transfer,
      status: 'negotiating',
      createdBy: 'demo',
      createdAt: now,
    });
    await em.flush();
    // The demo round walks its table like a live one, so its history is complete.
    const steps: [RoundState, string][] = [
      ['signed', 'sign'],
      ['in_force', 'bringIntoForce'],
      ['concluded', 'conclude'],
    ];
    let from: RoundState = 'negotiating';
    for (const [to, action] of steps) {
      audit(em, {
        entity: 'CompensationRound',
        entityId: String(round.id),
        action,
        fromState: from,
        toState: to,
        actor: 'demo',
        note: null,
      });
      from = to;
      if (to === r.status) break;
    }
    round.status = r.status;
    for (const [year, rows] of Object.entries(r.funds)) {
      for (const [payerKind, payerName, amount] of rows) {
        em.create(FundContributionSchema, {
          district: CITY,
          public: true,
          roundId: round.id,
          payerKind,
          payerName,
          year: Number(year),
          amount,
          createdBy: 'demo',
          createdAt: now,
        });
      }
    }
    await em.flush();
    // A year is assessed once its samples are in: the round in force only up to the last sampled year.
    for (let year = r.startYear; year <= Math.min(r.endYear, lastSampled); year++)
      await storeAssessment(em, round, year, 'demo');
    const inRound = (day: string) =>
      Number(day.slice(0, 4)) >= r.startYear && Number(day.slice(0, 4)) <= r.endYear;
    for (const e of ECO_ESCALATIONS.filter((x) => inRound(x.listedOn))) {
      em.create(EscalationSchema, {
        district: CITY,
        public: true,
        roundId: round.id,
        level: e.level,
        agenda: e.agenda,
        listedOn: e.listedOn,
        heldOn: e.heldOn,
        note: e.note,
        createdBy: 'demo',
        createdAt: now,
      });
    }
    if (r.status === 'in_force') {
      for (const [year, title, owners, progress, status] of ECO_TASKS) {
        em.create(CooperationTaskSchema, {
          district: CITY,
          public: true,
          roundId: round.id,
          year,
          title,
          owners,
          progress,
          status,
          resultsUrl: null,
          createdBy: 'demo',
          createdAt: now,
        });
      }
      for (const a of ecoActivities) {
        em.create(TopicLinkSchema, {
          district: CITY,
          public: true,
          roundId: round.id,
          kind: 'consultation_activity',
          targetId: String(a.id),
          note: a.title,
          createdBy: 'demo',
          createdAt: now,
        });
      }
      for (const w of ecoProposals) {
        em.create(TopicLinkSchema, {
          district: CITY,
          public: true,
          roundId: round.id,
          kind: 'proposal',
          targetId: String(w.proposal.id),
          note: w.proposal.title,
          createdBy: 'demo',
          createdAt: now,
        });
      }
      for (const p of ecoResearch) {
        em.create(TopicLinkSchema, {
          district: CITY,
          public: true,
          roundId: round.id,
          kind: 'research_project',
          targetId: demoResearchProjectId(p.key),
          note: p.title,
          createdBy: 'demo',
          createdAt: now,
        });
      }
      for (const x of ecoRecommendations) {
        em.create(TopicLinkSchema, {
          district: CITY,
          public: true,
          roundId: round.id,
          kind: 'recommendation',
          targetId: demoRecommendationId(x.key),
          note: x.title,
          createdBy: 'demo',
          createdAt: now,
        });
      }
    }
  }
}
