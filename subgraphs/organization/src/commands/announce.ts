import { districtRegistered, emit, type EntityManager } from '@cppcc/kit';
import { CommitteeChangeSchema } from '../entities/committee-change.entity.js';
import { DistrictSchema } from '../entities/district.entity.js';
import { GovernmentUnitSchema } from '../entities/government-unit.entity.js';
import { SpecialCommitteeSchema } from '../entities/special-committee.entity.js';
import { TermSchema } from '../entities/term.entity.js';
import { announceUnit } from './government-units.js';
import { announceMeetings } from './meetings.js';
import { announceCommittee } from './special-committees.js';
import { announceTerm } from './terms.js';

/**
 * Every district, term, government unit, special committee and meeting as it stands, for a module that
 * joins with empty replicas (a snapshot request, `npm run announce -- organization`). A committee
 * is dated by its last step, so a replica that already has it keeps what it has.
 */
/** A committee with neither a step nor a founding date: older than any dated fact a replica holds. */
const UNDATED = '1949-10-01';

export async function announceOrganization(em: EntityManager): Promise<number> {
  const all = { filters: false, orderBy: { id: 'asc' } } as const;
  const districts = await em.find(DistrictSchema, {}, { filters: false, orderBy: { code: 'asc' } });
  for (const d of districts)
    emit(
      em,
      'organization',
      districtRegistered,
      { code: d.code, name: d.name, parentCode: d.parentCode ?? null },
      d.code,
    );
  const [terms, units, committees, changes] = [
    await em.find(TermSchema, {}, all),
    await em.find(GovernmentUnitSchema, {}, all),
    await em.find(SpecialCommitteeSchema, {}, all),
    await em.find(
      CommitteeChangeSchema,
      {},
      { ...all, fields: ['committeeId', 'changedOn', 'kind', 'mergedIntoId'] },
    ),
  ];
  for (const t of terms) announceTerm(em, 'organization', t);
  for (const u of units) announceUnit(em, 'organization', u);
  for (const c of committees) {
    const steps = changes
      .filter((s) => s.committeeId === c.id)
      .sort((a, b) => a.changedOn.localeCompare(b.changedOn));
    const last = steps[steps.length - 1];
    announceCommittee(
      em,
      'organization',
      c,
      last?.changedOn ?? c.establishedOn ?? UNDATED,
      last?.kind === 'MERGED' ? (last.mergedIntoId ?? null) : null,
    );
  }
  await em.flush();
  const meetings = await announceMeetings(em, 'organization');
  return districts.length + terms.length + units.length + committees.length + meetings;
}
