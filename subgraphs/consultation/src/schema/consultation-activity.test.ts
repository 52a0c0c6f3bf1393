import { activities, CITY } from '@cppcc/demo';
import { systemEm, OutboxEventSchema } from '@cppcc/kit';
import { databases, startTestModule, testCaller, type TestModule } from '@cppcc/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { consultation } from '../module.js';

const record = `mutation($i: RecordConsultationActivityInput!) { recordConsultationActivity(input: $i) { id form status participants { id } } }`;
const input = { district: CITY, title: '民营经济高质量发展对口协商', form: 'COUNTERPART', topic: '民营经济', heldOn: '2026-09-10', counterpart: '市发展和改革委员会', participantIds: ['1', '2', '3'] };
const staff = testCaller(['staff'], CITY);

describe.each(databases())('consultation on $name', ({ url }) => {
  let module: TestModule;
  beforeAll(async () => {
    module = await startTestModule(consultation, { databaseUrl: url, seed: { scale: 1 } });
  });
  afterAll(() => module?.stop());

  it('counts the report\'s activities by form and topic', async () => {
    const demo = activities().filter((a) => a.district === CITY);
    for (const [form, topic] of [['COUNTERPART', null], [null, '乡村振兴'], ['SECTOR', '茶业振兴']] as const) {
      const r = await module.execute(`query($f: ConsultationActivityFilter) { consultationActivities(filter: $f) { totalCount } }`, {
        f: { district: CITY, ...(form ? { form } : {}), ...(topic ? { topic } : {}) },
      });
      expect((r.data!.consultationActivities as any).totalCount).toBe(demo.filter((a) => (!form || a.form === form) && (!topic || a.topic === topic)).length);
    }
    const dated = await module.execute(`{ consultationActivities(filter: { heldFrom: "2026-01-01", heldTo: "2026-12-31" }, first: 1000) { totalCount } }`);
    expect((dated.data!.consultationActivities as any).totalCount).toBe(activities().filter((a) => a.heldOn >= '2026-01-01').length);
  });

  it('records an activity with its participants and one event per participant', async () => {
    const em = systemEm(module.orm);
    const before = await em.count(OutboxEventSchema, { type: 'consultation.attended' });
    const r = await module.execute(record, { i: input }, staff);
    expect(r.errors).toBeUndefined();
    expect(r.data!.recordConsultationActivity).toMatchObject({ form: 'COUNTERPART', status: 'HELD', participants: [{ id: '1' }, { id: '2' }, { id: '3' }] });
    expect(await systemEm(module.orm).count(OutboxEventSchema, { type: 'consultation.attended' })).toBe(before + 3);
  });

  it('refuses bad input naming the field, writing nothing', async () => {
    const count = async () => ((await module.execute(`{ consultationActivities(first: 1000) { totalCount } }`)).data!.consultationActivities as any).totalCount;
    const before = await count();
    const cases: [Record<string, unknown>, string][] = [
      [{ counterpart: null }, 'input.counterpart'],
      [{ participantIds: ['1', '1'] }, 'input.participantIds'],
      [{ heldOn: '10/09/2026' }, 'input.heldOn'],
      [{ title: '协商' }, 'input.title'],
      [{ district: '999999' }, 'input.district'],
    ];
    for (const [change, field] of cases) {
      const r = await module.execute(record, { i: { ...input, ...change } }, staff);
      expect(r.errors?.[0].extensions?.field, field).toBe(field);
    }
    const member = await module.execute(record, { i: input }, testCaller(['member'], CITY, '1'));
    expect(member.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    expect(await count()).toBe(before);
  });
});
