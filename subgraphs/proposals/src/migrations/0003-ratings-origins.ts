import { defineMigration } from '@cppcc/kit';

/**
 * Every proposer rates (proposal_rating, per handling round), with the lead's existing ratings
 * moved in as round 1; key proposals name the consultation activity or research project they
 * grew from (一体两用), checked against a replica of consultation's records.
 */
export const ratingsAndOrigins = defineMigration(
  'Migration20261201090000_proposals_ratings_origins',
  (knex) => [
    knex.schema.createTable('proposal_rating', (t) => {
      t.increments('id').primary();
      t.integer('proposal_id').notNullable().index();
      t.integer('member_id').notNullable().index();
      t.string('role').notNullable();
      t.integer('round').notNullable();
      t.string('rating').notNullable();
      t.text('comment').nullable();
      t.datetime('rated_at').notNullable();
      t.unique(['proposal_id', 'member_id', 'round']);
    }),
    knex.schema.alterTable('proposal', (t) => {
      t.integer('round').notNullable().defaultTo(1);
    }),
    // Proposals reopened before ratings were kept per round are in the round after their reopenings.
    knex.schema.raw(
      "update proposal set round = 1 + (select count(*) from audit_entry a where a.entity = 'proposal' and a.entity_id = cast(proposal.id as varchar(20)) and a.action = 'reopen')",
    ),
    // The lead's latest rating, in the round it was given: rated when the proposal last moved by a rating step.
    knex.schema.raw(
      'insert into proposal_rating (proposal_id, member_id, role, round, rating, comment, rated_at) ' +
        "select r.id, r.author_id, 'LEAD', 1 + (select count(*) from audit_entry a where a.entity = 'proposal' and a.entity_id = cast(r.id as varchar(20)) and a.action = 'reopen' and a.at < r.rated_at), r.rating, r.rating_comment, r.rated_at " +
        "from (select p.id, p.author_id, p.rating, p.rating_comment, coalesce((select max(a.at) from audit_entry a where a.entity = 'proposal' and a.entity_id = cast(p.id as varchar(20)) and a.action in ('rateSatisfied', 'rateUnsatisfied')), p.replied_at, p.submitted_at) as rated_at " +
        'from proposal p where p.rating is not null) r',
    ),
    knex.schema.alterTable('key_proposal', (t) => {
      t.integer('consultation_id').nullable();
      t.integer('research_project_id').nullable();
    }),
    knex.schema.createTable('consultation_ref', (t) => {
      t.string('kind').notNullable();
      t.integer('id').notNullable();
      t.string('district', 12).notNullable();
      t.string('title').notNullable();
      t.primary(['kind', 'id']);
    }),
  ],
);
