import { CITY } from './organization.js';
import { opinionWork, type DemoLevel } from './opinion-work.js';
import { proposalWork } from './proposal-work.js';

export interface DemoInstruction {
  id: number;
  district: string;
  subjectType: 'PROPOSAL' | 'OPINION_ITEM';
  subjectId: number;
  title: string;
  leader: string;
  level: DemoLevel;
  text: string;
  instructedOn: string;
  memberIds: number[];
}

/** Leaders' instructions: on items (in item order), then on the key proposals the city's top leader supervised. */
export function demoInstructions(scale = 1): DemoInstruction[] {
  const list: DemoInstruction[] = [];
  for (const item of opinionWork(scale).items) {
    for (const i of item.instructions) {
      list.push({
        id: list.length + 1,
        district: item.district,
        subjectType: 'OPINION_ITEM',
        subjectId: item.id,
        title: item.title,
        ...i,
        memberIds: item.authorIds,
      });
    }
  }
  for (const w of proposalWork(scale)) {
    if (!w.key?.topLeader) continue;
    list.push({
      id: list.length + 1,
      district: w.proposal.district,
      subjectType: 'PROPOSAL',
      subjectId: w.proposal.id,
      title: w.proposal.title,
      leader: '市委主要负责同志',
      level: w.proposal.district === CITY ? 'CITY' : 'DISTRICT',
      text: '此件为市委领衔督办重点提案，请牵头单位拿出具体措施，按期办结并报告。',
      instructedOn: `${w.proposal.year}-03-05`,
      memberIds: [w.proposal.authorId, ...w.cosignerIds],
    });
  }
  return list;
}

/** A bus event the proposals subgraph's demo data announces (type and payload, as in packages/events). */
export interface DemoEvent {
  type:
    | 'proposal.submitted'
    | 'proposal.filed'
    | 'proposal.honoured'
    | 'opinion_item.submitted'
    | 'opinion_item.adopted'
    | 'instruction.received';
  district: string;
  payload: Record<string, unknown>;
}

/**
 * Every event the proposals subgraph's seed emits, in order. Members' archives are built from
 * these, so a test can count a member's expected entries from here.
 */
export function proposalDemoEvents(scale = 1): DemoEvent[] {
  const events: DemoEvent[] = [];
  const ids = (list: number[]) => list.map(String);
  for (const w of proposalWork(scale)) {
    const p = w.proposal;
    const base = { proposalId: String(p.id), authorId: String(p.authorId) };
    events.push({
      type: 'proposal.submitted',
      district: p.district,
      payload: {
        ...base,
        coAuthorIds: ids(w.cosignerIds),
        title: p.title,
        submittedAt: w.submittedAt,
      },
    });
    if (!w.filedAt) continue;
    events.push({
      type: 'proposal.filed',
      district: p.district,
      payload: {
        ...base,
        coAuthorIds: ids(w.cosignerIds),
        caseNumber: w.caseNumber,
        filedAt: w.filedAt,
      },
    });
    const honour = {
      ...base,
      coAuthorIds: ids(w.cosignerIds),
      caseNumber: w.caseNumber,
      title: p.title,
    };
    if (w.key)
      events.push({
        type: 'proposal.honoured',
        district: p.district,
        payload: { ...honour, honour: 'KEY', on: w.key.chairMeetingOn },
      });
    if (w.award)
      events.push({
        type: 'proposal.honoured',
        district: p.district,
        payload: { ...honour, honour: 'EXCELLENT', on: w.award.awardedOn },
      });
  }
  for (const item of opinionWork(scale).items) {
    events.push({
      type: 'opinion_item.submitted',
      district: item.district,
      payload: {
        itemId: String(item.id),
        authorIds: ids(item.authorIds),
        title: item.title,
        submittedOn: item.submittedOn,
      },
    });
    for (const a of item.adoptions) {
      events.push({
        type: 'opinion_item.adopted',
        district: item.district,
        payload: {
          itemId: String(item.id),
          authorIds: ids(item.authorIds),
          title: item.title,
          level: a.level,
          adoptedOn: a.adoptedOn,
        },
      });
    }
  }
  for (const i of demoInstructions(scale)) {
    events.push({
      type: 'instruction.received',
      district: i.district,
      payload: {
        instructionId: String(i.id),
        subjectType: i.subjectType,
        subjectId: String(i.subjectId),
        title: i.title,
        leader: i.leader,
        level: i.level,
        memberIds: ids(i.memberIds),
        instructedOn: i.instructedOn,
      },
    });
  }
  return events;
}
