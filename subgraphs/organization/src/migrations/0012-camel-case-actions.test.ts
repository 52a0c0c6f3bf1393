import { beforeMigration, databases } from '@cppcc/testing';
import { describe, expect, it } from 'vitest';
import { organization } from '../module.js';

/** Audit rows written before 0012 name their actions in camelCase, like every row after it. */
describe.each(databases())('camelCase audit actions on $name', ({ url }) => {
  it("renames each entity's snake_case actions and leaves every other row as it was", async () => {
    const { em, migrateRest, close } = await beforeMigration(
      organization,
      '_camel_case_actions',
      url,
    );
    try {
      const rows: [string, string][] = [
        ['special_committee', 'adjust_functions'],
        ['party_branch', 'change_secretary'],
        ['attendance', 'leave_approved'],
        ['party_branch', 'dissolve'],
        // Another entity's action of the same name is not this rename's.
        ['study_session', 'change_secretary'],
      ];
      for (const [i, [entity, action]] of rows.entries())
        await em.execute(
          `insert into audit_entry (id, entity, entity_id, action, from_state, to_state, actor, note, at) values (${i + 1}, '${entity}', '1', '${action}', 'ACTIVE', 'ACTIVE', null, null, '2026-05-01 00:00:00')`,
        );
      await migrateRest();
      expect(await em.execute('select action from audit_entry order by id')).toEqual(
        ['adjustFunctions', 'changeSecretary', 'leaveApproved', 'dissolve', 'change_secretary'].map(
          (action) => ({ action }),
        ),
      );
    } finally {
      await close();
    }
  });
});
