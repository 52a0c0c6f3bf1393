import fs from 'node:fs';
import path from 'node:path';
import { createBuilder, defineModule } from '@cppcc/kit';
import { describe, expect, it } from 'vitest';
import { coreModules } from '@cppcc/installation';
import { installedModules } from '@cppcc/platform';
import {
  breakingChanges,
  compose,
  CompositionError,
  printSubgraph,
  undeclaredBreakingChanges,
} from './compose.js';

const committed = (name: string) => fs.readFileSync(path.resolve(__dirname, '..', name), 'utf8');

describe('composition', () => {
  it('composes the four subgraphs, each keeping its @key directives', () => {
    const result = compose(coreModules);
    expect(result.supergraph).toContain('@join__graph(name: "organization"');
    const keys: Record<string, string[]> = {
      organization: [
        'type District @key(fields: "code")',
        'type SpecialCommittee implements Node @key(fields: "id")',
        'type Sector implements Node @key(fields: "id")',
      ],
      members: ['type Member implements Node @key(fields: "id")'],
      proposals: ['type Proposal implements Node @key(fields: "id")'],
      consultation: ['type ConsultationActivity implements Node @key(fields: "id")'],
    };
    for (const module of coreModules) {
      const sdl = printSubgraph(module).replace(/\s+/g, ' ');
      for (const key of keys[module.name]) expect(sdl, module.name).toContain(key);
    }
  });

  it('matches the committed schema files', () => {
    const result = compose(installedModules());
    expect(committed('supergraph.graphql')).toBe(result.supergraph);
    expect(committed('api.graphql')).toBe(result.api);
    for (const [name, sdl] of result.subgraphs)
      expect(committed(`subgraphs/${name}.graphql`), name).toBe(sdl);
  });

  it('fails when two subgraphs disagree about a type', () => {
    const builder = createBuilder();
    const Member = builder.objectRef<{ id: string }>('Member').implement({
      fields: (t) => ({ id: t.exposeID('id'), name: t.int({ resolve: () => 1 }) }),
    });
    builder.asEntity(Member, {
      key: builder.selection<{ id: string }>('id'),
      resolveReference: (r) => r,
    });
    const rogue = defineModule({
      name: 'rogue',
      port: 4999,
      schema: builder.toSubGraphSchema({ linkUrl: 'https://specs.apollo.dev/federation/v2.6' }),
      entities: [],
      migrations: [],
    });
    expect(() => compose([...coreModules, rogue])).toThrow(CompositionError);
  });

  it('tells breaking changes from additions', () => {
    const before = 'type Query { a: String! b(x: Int): Int } enum E { ONE TWO }';
    expect(
      breakingChanges(
        before,
        'type Query { a: String! b(x: Int): Int c: Int } enum E { ONE TWO THREE }',
      ),
    ).toEqual([]);
    const broken = breakingChanges(before, 'type Query { a: Int b: Int } enum E { ONE }');
    expect(broken).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^FIELD_CHANGED_KIND: Query\.a/),
        expect.stringMatching(/^ARG_REMOVED: .*x/),
        expect.stringMatching(/^VALUE_REMOVED_FROM_ENUM: TWO/),
      ]),
    );
  });

  it("asks no declaration for changing what was never committed (a scaffold's example type replaced), and one for what was", () => {
    const committed = 'type Query { a: String }';
    const scaffolded = 'type Query { a: String riverItems: [RiverItem] } type RiverItem { id: ID }';
    const replaced =
      'type Query { a: String riverPatrols: [RiverPatrol] } type RiverPatrol { id: ID }';
    expect(breakingChanges(scaffolded, replaced)).toEqual(
      expect.arrayContaining([expect.stringMatching(/^TYPE_REMOVED: RiverItem/)]),
    );
    expect(
      undeclaredBreakingChanges({ previous: scaffolded, committed, next: replaced, declared: [] }),
    ).toEqual([]);
    // Outside git (no committed schema) the last composed one is all there is.
    expect(
      undeclaredBreakingChanges({
        previous: scaffolded,
        committed: null,
        next: replaced,
        declared: [],
      }).length,
    ).toBeGreaterThan(0);
    // What the commit had still needs declaring, and a declaration is honoured.
    const dropped = 'type Query { riverPatrols: [RiverPatrol] } type RiverPatrol { id: ID }';
    const undeclared = undeclaredBreakingChanges({
      previous: replaced,
      committed,
      next: dropped,
      declared: [],
    });
    expect(undeclared).toEqual([expect.stringMatching(/^FIELD_REMOVED: Query\.a/)]);
    expect(
      undeclaredBreakingChanges({
        previous: replaced,
        committed,
        next: dropped,
        declared: undeclared,
      }),
    ).toEqual([]);
  });
});
