import { lockFor, type EventHandler, researchProjectRegistered } from '@cppcc/plugin-sdk';
import { ResearchProjectRefSchema } from './entities/research-project-ref.entity.js';

export const consumes: Record<string, EventHandler> = {
  // A late, older copy changes nothing; two versions applied at once take turns on the row's lock.
  [researchProjectRegistered.type]: async (em, event) => {
    const p = researchProjectRegistered.payload.parse(event.payload);
    await lockFor(em, `intercity_research_project_ref:${p.projectId}`);
    const known = await em.findOne(ResearchProjectRefSchema, { projectId: p.projectId });
    if (known && known.version >= p.version) return;
    await em.upsert(ResearchProjectRefSchema, {
      projectId: p.projectId,
      district: p.district,
      phase: p.phase,
      version: p.version,
    });
  },
};
