import { randomUUID } from 'node:crypto';
import { governmentUnits } from '@cppcc/demo';
import { governmentUnitRegistered } from '@cppcc/events';
import { systemEm } from '@cppcc/kit';
import { startTestModule, type TestModule } from '@cppcc/testing';
import { UnitRefSchema } from '../src/entities/unit-ref.entity.js';
import { consultation } from '../src/module.js';

/**
 * The consultation module on a database of its own, with the demo districts and government
 * units announced on its bus the way organization announces them.
 */
export async function startConsultation(url: string | undefined, seed = true): Promise<TestModule> {
  const module = await startTestModule(consultation, { databaseUrl: url, seed: seed ? { scale: 1 } : false });
  await module.transport.publish(
    governmentUnits.map((u) => ({
      id: randomUUID(),
      type: governmentUnitRegistered.type,
      source: 'organization',
      district: u.district,
      occurredAt: new Date().toISOString(),
      payload: { unitId: String(u.id), district: u.district, name: u.name, short: u.short, active: u.short !== '城管局' },
    })),
  );
  // The in-process bus applies what it is handed before publish returns, unless it was busy.
  for (let i = 0; i < 100 && (await systemEm(module.orm).count(UnitRefSchema, {})) < governmentUnits.length; i++) {
    await new Promise((r) => setTimeout(r, 20));
  }
  return module;
}

/** Sends one operation and fails the test on any error. */
export async function ok<T = any>(module: TestModule, query: string, variables: Record<string, unknown>, caller: Parameters<TestModule['execute']>[2]): Promise<T> {
  const r = await module.execute(query, variables, caller);
  if (r.errors) throw new Error(`${query.slice(0, 60)}…: ${JSON.stringify(r.errors)}`);
  return r.data as T;
}
