import { defineModule } from '@cppcc/kit';
import {
  consultationActivityRegistered,
  consultationAttended,
  consultationSpoke,
  instructionReceived,
  instructionTakenOver,
  recommendationRegistered,
  researchJoined,
  researchProjectRegistered,
} from '@cppcc/events';
import { consumes } from './consumers.js';
import { ActivityGuestSchema } from './entities/activity-guest.entity.js';
import { ConsultationActivitySchema } from './entities/consultation-activity.entity.js';
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
import { InstructionSchema, LedgerEntrySchema } from './entities/instruction.entity.js';
import { InstructionSubjectRefSchema } from './entities/instruction-subject-ref.entity.js';
import { ParticipantSchema } from './entities/participant.entity.js';
import {
  ConsultationPlanSchema,
  EscalationSchema,
  PlanTopicSchema,
  PlanAmendmentSchema,
} from './entities/plan.entity.js';
import { RecommendationSchema } from './entities/recommendation.entity.js';
import {
  FieldVisitAttendanceSchema,
  FieldVisitSchema,
  ResearchPhaseSchema,
  ResearchProjectSchema,
  ResearchTeamMemberSchema,
} from './entities/research-project.entity.js';
import { ResultSchema, ResultTimelineEntrySchema } from './entities/result.entity.js';
import { SpeechSchema } from './entities/speech.entity.js';
import { UnitRefSchema } from './entities/unit-ref.entity.js';
import { CommitteeRefSchema } from './entities/committee-ref.entity.js';
import { MemberRefSchema } from './entities/member-ref.entity.js';
import { initial } from './migrations/0001-initial.js';
import { activityLifecycle } from './migrations/0002-activity-lifecycle.js';
import { researchAndOutcomes } from './migrations/0003-research-outcomes.js';
import { planning } from './migrations/0004-planning.js';
import { publicInput } from './migrations/0005-public-input.js';
import { memberCommitteeRefs } from './migrations/0006-member-committee-refs.js';
import { cityEscalation } from './migrations/0007-city-escalation.js';
import { planAmendments } from './migrations/0008-plan-amendments.js';
import { filterIndexes } from './migrations/0009-filter-indexes.js';
import { resultLedgerEntry } from './migrations/0010-result-ledger-entry.js';
import { oneInstruction } from './migrations/0011-one-instruction.js';
import { periodIndexes } from './migrations/0012-period-indexes.js';
import { schema } from './schema/index.js';
import { isSeeded, seed } from './seed.js';
import { announceAll } from './commands/announce.js';

/** Consultation: activities of every form, research under process control, and the outcome chain. */
export const consultation = defineModule({
  name: 'consultation',
  port: 4104,
  schema,
  entities: [
    ConsultationActivitySchema,
    ParticipantSchema,
    ActivityGuestSchema,
    SpeechSchema,
    UnitRefSchema,
    ResearchProjectSchema,
    ResearchPhaseSchema,
    ResearchTeamMemberSchema,
    FieldVisitSchema,
    FieldVisitAttendanceSchema,
    RecommendationSchema,
    InstructionSchema,
    LedgerEntrySchema,
    ResultSchema,
    ResultTimelineEntrySchema,
    ConsultationPlanSchema,
    PlanTopicSchema,
    PlanAmendmentSchema,
    EscalationSchema,
    InputCampaignSchema,
    InputContributionSchema,
    RecommendationSourceSchema,
    QuestionnaireSchema,
    QuestionnaireQuestionSchema,
    QuestionnaireDistributionSchema,
    QuestionnaireResponseSchema,
    QuestionnaireAnswerSchema,
    MemberRefSchema,
    CommitteeRefSchema,
    InstructionSubjectRefSchema,
  ],
  migrations: [
    initial,
    activityLifecycle,
    researchAndOutcomes,
    planning,
    publicInput,
    memberCommitteeRefs,
    cityEscalation,
    planAmendments,
    filterIndexes,
    resultLedgerEntry,
    oneInstruction,
    periodIndexes,
  ],
  emits: [
    consultationAttended,
    consultationSpoke,
    researchJoined,
    instructionReceived,
    instructionTakenOver,
    consultationActivityRegistered,
    researchProjectRegistered,
    recommendationRegistered,
  ],
  consumes,
  seed,
  isSeeded,
  announce: announceAll,
});
