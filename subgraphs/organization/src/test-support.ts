import { randomUUID } from 'node:crypto';
import { members as demoMembers, type DemoMember } from '@cppcc/demo';
import { memberRegistered } from '@cppcc/events';
import type { Transport } from '@cppcc/kit';

export type MemberFacts = Pick<DemoMember, 'id' | 'district' | 'name' | 'party' | 'sectorId' | 'standingCommittee'> & {
  status?: 'ACTIVE' | 'SUSPENDED' | 'LEFT';
  changedAt?: string;
};

/** Announces members the way the members subgraph does (`member.registered`), for this module tested alone. */
export async function publishMembers(transport: Transport, list: MemberFacts[] = demoMembers()): Promise<void> {
  await transport.publish(
    list.map((m) => ({
      id: randomUUID(),
      type: memberRegistered.type,
      source: 'members',
      district: m.district,
      occurredAt: new Date().toISOString(),
      payload: {
        memberId: String(m.id),
        district: m.district,
        name: m.name,
        party: m.party,
        cpcMember: m.party === '中共党员',
        sectorId: String(m.sectorId),
        standingCommittee: m.standingCommittee,
        status: m.status ?? 'ACTIVE',
        changedAt: m.changedAt ?? '2021-12-20T00:00:00.000Z',
      },
    })),
  );
}
