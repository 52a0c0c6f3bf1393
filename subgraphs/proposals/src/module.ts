import { defineModule } from '@cppcc/kit';
import {
  instructionHandedOver,
  instructionReceived,
  instructionSubjectRegistered,
  opinionItemAdopted,
  opinionItemSubmitted,
  proposalFiled,
  proposalHonoured,
  proposalSubmitted,
  proposalRegistered,
} from '@cppcc/events';
import { consumes } from './consumers.js';
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
import { ProposalSchema } from './entities/proposal.entity.js';
import {
  ConsultationRefSchema,
  InstructionRefSchema,
  MemberRefSchema,
  UnitRefSchema,
} from './entities/refs.entity.js';
import { ProposalRatingSchema } from './entities/rating.entity.js';
import { GradeWordingSchema, ReplySchema } from './entities/reply.entity.js';
import { initial } from './migrations/0001-initial.js';
import { lifecycle } from './migrations/0002-lifecycle.js';
import { ratingsAndOrigins } from './migrations/0003-ratings-origins.js';
import { consultationRegistrations } from './migrations/0004-consultation-registrations.js';
import { memberSuggestions } from './migrations/0005-member-suggestions.js';
import { conversionOrigin } from './migrations/0006-conversion-origin.js';
import { taskVersions } from './migrations/0007-task-versions.js';
import { studioReceptionLinks } from './migrations/0008-studio-reception-links.js';
import { filterIndexes } from './migrations/0009-filter-indexes.js';
import { instructionHandOver } from './migrations/0010-instruction-hand-over.js';
import { periodIndexes } from './migrations/0011-period-indexes.js';
import { taskUrged } from './migrations/0012-task-urged.js';
import { MemberSuggestionSchema } from './entities/suggestion.entity.js';
import { schema } from './schema/index.js';
import { isSeeded, seed } from './seed.js';
import { announceAllProposals } from './commands/common.js';
import { announceInstructionSubjects, handOverInstructions } from './commands/instructions.js';

/**
 * Proposals (提案) from drafting to closing, and public-opinion information (社情民意);
 * adds Member.proposals and Member.opinionItems.
 */
export const proposals = defineModule({
  name: 'proposals',
  port: 4103,
  schema,
  entities: [
    ProposalSchema,
    CosignerSchema,
    HandlingTaskSchema,
    ReplySchema,
    GradeWordingSchema,
    KeyProposalSchema,
    SupervisionSchema,
    QualityScoreSchema,
    HandlingScoreSchema,
    AwardSchema,
    OpinionItemSchema,
    OpinionAuthorSchema,
    BulletinIssueSchema,
    AdoptionSchema,
    InstructionSchema,
    MemberRefSchema,
    UnitRefSchema,
    ProposalRatingSchema,
    ConsultationRefSchema,
    MemberSuggestionSchema,
    InstructionRefSchema,
  ],
  migrations: [
    initial,
    lifecycle,
    ratingsAndOrigins,
    consultationRegistrations,
    memberSuggestions,
    conversionOrigin,
    taskVersions,
    studioReceptionLinks,
    filterIndexes,
    instructionHandOver,
    periodIndexes,
    taskUrged,
  ],
  emits: [
    proposalSubmitted,
    proposalFiled,
    proposalHonoured,
    proposalRegistered,
    opinionItemSubmitted,
    opinionItemAdopted,
    instructionReceived,
    instructionSubjectRegistered,
    instructionHandedOver,
  ],
  consumes,
  seed,
  isSeeded,
  // Version 2: consultation keeps filed proposals and issued items, and takes over instructions.
  announce: async (em) =>
    (await announceAllProposals(em)) +
    (await announceInstructionSubjects(em)) +
    (await handOverInstructions(em)),
  announceVersion: 2,
});
