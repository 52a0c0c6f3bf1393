import { defineEntity, p, type InferEntity } from '@cppcc/plugin-sdk';

/** A river (or a section of one) under the river-chief system (河长制), with its chief. Public. */
export const RiverChiefRiverSchema = defineEntity({
  name: 'RiverChiefRiver',
  tableName: 'river_chief_river',
  properties: {
    id: p.integer().primary().autoincrement(),
    district: p.string().length(12).index(),
    name: p.string(),
    /** The section's chief (河长), the official answerable for it. */
    chief: p.string(),
    lengthKm: p.double(),
    public: p.boolean().default(true),
  },
});
export type RiverChiefRiver = InferEntity<typeof RiverChiefRiverSchema>;
