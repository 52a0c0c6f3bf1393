import { defineModule } from '@cppcc/kit';
import { proposalFiled, proposalSubmitted } from '@cppcc/events';
import { ProposalSchema } from './entities/proposal.entity.js';
import { initial } from './migrations/0001-initial.js';
import { schema } from './schema/index.js';
import { isSeeded, seed } from './seed.js';

/** Proposals: submission, filing and handling; adds Member.proposals. */
export const proposals = defineModule({
  name: 'proposals',
  port: 4103,
  schema,
  entities: [ProposalSchema],
  migrations: [initial],
  emits: [proposalSubmitted, proposalFiled],
  seed,
  isSeeded,
});
