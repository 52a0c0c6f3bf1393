import { defineEntity, p, type InferEntity } from '@mikro-orm/core';

/** 界别: the group a member represents. Sectors are the same for every district. */
export const SectorSchema = defineEntity({
  name: 'Sector',
  tableName: 'sector',
  properties: {
    id: p.integer().primary().autoincrement(),
    name: p.string().unique(),
    group: p.string(),
  },
});
export type Sector = InferEntity<typeof SectorSchema>;
