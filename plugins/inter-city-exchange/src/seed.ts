import { emit, type EntityManager, dutyReported } from '@cppcc/plugin-sdk';
import {
  demoResearchProjectId,
  interCityActivities,
  interCityMechanism,
  interCityMeetings,
  interCityPartners,
  interCityVisits,
} from '@cppcc/plugin-sdk/demo';
import { VISIT_DUTY_KIND, visitSummary } from './commands/visits.js';
import {
  CooperationMechanismSchema,
  MechanismMemberSchema,
} from './entities/cooperation-mechanism.entity.js';
import { ExchangeVisitSchema, VisitDelegateSchema } from './entities/exchange-visit.entity.js';
import { JointActivitySchema } from './entities/joint-activity.entity.js';
import {
  JointChairsMeetingSchema,
  MeetingResolutionSchema,
} from './entities/joint-chairs-meeting.entity.js';
import { PartnerCommitteeSchema } from './entities/partner-committee.entity.js';

export async function isSeeded(em: EntityManager): Promise<boolean> {
  return (await em.count(CooperationMechanismSchema, {}, { filters: false })) > 0;
}

export async function seed(em: EntityManager): Promise<void> {
  const city = interCityMechanism.district;
  const partners = new Map<string, number>();
  for (const p of interCityPartners) {
    const row = em.create(PartnerCommitteeSchema, {
      district: city,
      name: p.name,
      city: p.city,
      province: p.province,
      public: true,
    });
    await em.flush();
    partners.set(p.key, row.id);
  }
  const { rotation, ...fields } = interCityMechanism;
  const mechanism = em.create(CooperationMechanismSchema, {
    ...fields,
    status: 'ACTIVE',
    createdBy: 'demo',
    public: true,
  });
  await em.flush();
  const seats = new Map<string, number>();
  for (const [position, key] of rotation.entries()) {
    const local = !partners.has(key);
    const seat = em.create(MechanismMemberSchema, {
      district: city,
      mechanismId: mechanism.id,
      position,
      partnerId: local ? null : partners.get(key)!,
      localDistrict: local ? key : null,
      public: true,
    });
    await em.flush();
    seats.set(key, seat.id);
  }
  for (const m of interCityMeetings()) {
    const meeting = em.create(JointChairsMeetingSchema, {
      district: city,
      mechanismId: mechanism.id,
      session: m.session,
      hostMemberId: seats.get(m.host)!,
      outOfTurnReason: null,
      plannedOn: m.plannedOn,
      heldOn: m.heldOn,
      place: m.place,
      agenda: m.agenda,
      attendeeIds: m.attendees.map(String),
      minutes: m.minutes,
      status: m.minutes ? 'MINUTES_PUBLISHED' : 'HELD',
      public: true,
    });
    await em.flush();
    for (const r of m.resolutions)
      em.create(MeetingResolutionSchema, {
        district: city,
        meetingId: meeting.id,
        ...r,
        public: true,
      });
  }
  for (const a of interCityActivities) {
    const { participants, researchKey, ...rest } = a;
    em.create(JointActivitySchema, {
      ...rest,
      district: city,
      mechanismId: mechanism.id,
      researchProjectId: researchKey ? demoResearchProjectId(researchKey) : null,
      participantIds: participants.map((k) => seats.get(k)!),
      public: true,
    });
  }
  for (const v of interCityVisits()) {
    const { partner, mechanism: inMechanism, delegation, leader, ...rest } = v;
    const visit = em.create(ExchangeVisitSchema, {
      ...rest,
      partnerId: partners.get(partner)!,
      mechanismId: inMechanism ? mechanism.id : null,
      public: true,
    });
    await em.flush();
    for (const memberId of delegation) {
      em.create(VisitDelegateSchema, {
        district: v.district,
        visitId: visit.id,
        memberId: String(memberId),
        leader: memberId === leader,
        public: true,
      });
    }
    if (v.status !== 'PLANNED') {
      const name = interCityPartners.find((p) => p.key === partner)!.name;
      const summary = visitSummary(v.direction, name, v.topics);
      for (const memberId of delegation) {
        emit(
          em,
          'inter-city-exchange',
          dutyReported,
          {
            memberId: String(memberId),
            kind: VISIT_DUTY_KIND,
            sourceId: `exchange-visit:${visit.id}`,
            summary,
            occurredOn: v.startsOn,
          },
          v.district,
        );
      }
    }
  }
  await em.flush();
}
