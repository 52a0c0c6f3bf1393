import { defineMigration } from '@cppcc/kit';

/** The audit note proposals wrote on every draft it made from a studio reception. */
const fromStudio = (entity: string, table: string) =>
  `select cast(substr(a.note, 18) as integer) from audit_entry a where a.entity = '${entity}' and a.action = 'draftFromStudio' and a.note like 'studio reception %' and a.entity_id = cast(${table}.id as varchar(20))`;

/** The first draft made of each reception (a reception made one; a redelivered event made none more). */
const firstOfEach = (entity: string) =>
  `select min(cast(a.entity_id as integer)) from audit_entry a where a.entity = '${entity}' and a.action = 'draftFromStudio' and a.note like 'studio reception %' group by a.note`;

/**
 * A draft proposal or draft opinion item made from a member studio's reception (接待) names it
 * (`studio_reception_id`, one draft per reception), so the reception shows its draft and the draft
 * its reception. Drafts made before are linked from the audit row written when each was made
 * (`draftFromStudio`, note "studio reception N") — the one place that named the reception.
 */
export const studioReceptionLinks = defineMigration(
  'Migration20261222090000_proposals_studio_reception_links',
  (knex) =>
    [
      ['proposal', 'proposal'],
      ['opinion_item', 'opinion_item'],
    ].flatMap(([entity, table]) => [
      knex.schema.alterTable(table, (t) => {
        t.integer('studio_reception_id').nullable();
      }),
      knex.schema.raw(
        `update ${table} set studio_reception_id = (${fromStudio(entity, table)}) where id in (${firstOfEach(entity)})`,
      ),
      knex.schema.alterTable(table, (t) => {
        t.unique(['studio_reception_id']);
      }),
    ]),
);
