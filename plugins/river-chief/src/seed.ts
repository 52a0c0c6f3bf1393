import type { EntityManager } from '@cppcc/plugin-sdk';
import { RiverChiefRiverSchema } from './entities/river.entity.js';

export async function isSeeded(em: EntityManager): Promise<boolean> {
  return (await em.count(RiverChiefRiverSchema, {}, { filters: false })) > 0;
}

/** The city's and 歙县's sections of the 新安江 basin, as the demo's districts with the plugin on. */
export async function seed(em: EntityManager): Promise<void> {
  em.create(RiverChiefRiverSchema, {
    district: '341000',
    name: '新安江（黄山段）',
    chief: '市级河长',
    lengthKm: 242.3,
    public: true,
  });
  em.create(RiverChiefRiverSchema, {
    district: '341021',
    name: '练江',
    chief: '县级河长',
    lengthKm: 48.6,
    public: true,
  });
  em.create(RiverChiefRiverSchema, {
    district: '341004',
    name: '丰乐河',
    chief: '区级河长',
    lengthKm: 61,
    public: true,
  });
}
