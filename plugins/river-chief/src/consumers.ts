import { lockFor, proposalRegistered, type EventHandler } from '@cppcc/plugin-sdk';
import { RiverChiefProposalSchema } from './entities/inspection.entity.js';

/** Keeps each proposal's highest version; a late, older copy changes nothing. */
export const consumes: Record<string, EventHandler> = {
  [proposalRegistered.type]: async (em, event) => {
    const p = proposalRegistered.payload.parse(event.payload);
    await lockFor(em, `river_chief_proposal:${p.proposalId}`);
    const known = await em.findOne(
      RiverChiefProposalSchema,
      { proposalId: p.proposalId },
      { filters: false },
    );
    if (known && known.version >= p.version) return;
    await em.upsert(RiverChiefProposalSchema, {
      proposalId: p.proposalId,
      district: p.district,
      title: p.title,
      status: p.status,
      version: p.version,
    });
  },
};
