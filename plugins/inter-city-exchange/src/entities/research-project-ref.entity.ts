import { defineEntity, p, type InferEntity } from '@cppcc/plugin-sdk';

/**
 * Replica of consultation's research projects (research_project.registered, the highest version
 * wins), so a joint activity naming one that does not exist, or one outside the mechanism's
 * district, is refused without calling another subgraph.
 */
export const ResearchProjectRefSchema = defineEntity({
  name: 'IntercityResearchProjectRef',
  tableName: 'intercity_research_project_ref',
  properties: {
    projectId: p.string().primary(),
    district: p.string().length(12),
    phase: p.string(),
    version: p.integer().default(0),
  },
});
export type ResearchProjectRef = InferEntity<typeof ResearchProjectRefSchema>;
