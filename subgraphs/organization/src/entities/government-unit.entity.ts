import { defineEntity, p, type InferEntity } from '@mikro-orm/core';

/** 政府部门 / 承办单位: a department other modules assign work to and committees liaise with. Public. */
export const GovernmentUnitSchema = defineEntity({
  name: 'GovernmentUnit',
  tableName: 'government_unit',
  properties: {
    id: p.integer().primary().autoincrement(),
    district: p.string().length(12).index(),
    name: p.string(),
    short: p.string(),
    active: p.boolean().default(true),
    public: p.boolean().default(true),
  },
});
export type GovernmentUnit = InferEntity<typeof GovernmentUnitSchema>;
