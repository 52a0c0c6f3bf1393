import fs from 'node:fs';
import path from 'node:path';
import { SDK_VERSION } from './version.js';

/**
 * Writes a new, working plugin: one entity with its migration, a type with a query and a
 * mutation, a field on District, a permission, a setting, demo switches and a test that runs
 * it behind a gateway. `npm run create-plugin -- NAME` calls it.
 */
export interface ScaffoldOptions {
  id: string;
  /** Folder to write to (plugins/<id> by default). */
  dir: string;
  port: number;
}

const ID = /^[a-z][a-z0-9]*(-[a-z0-9]+)*$/;

export function pascal(id: string): string {
  return id
    .split('-')
    .map((w) => w[0].toUpperCase() + w.slice(1))
    .join('');
}

export function camel(id: string): string {
  const p = pascal(id);
  return p[0].toLowerCase() + p.slice(1);
}

export function scaffoldPlugin({ id, dir, port }: ScaffoldOptions): string[] {
  if (!ID.test(id)) throw new Error(`"${id}" is not a kebab-case plugin id (e.g. river-chief)`);
  if (fs.existsSync(dir) && fs.readdirSync(dir).length)
    throw new Error(`${dir} exists and is not empty`);
  const P = pascal(id);
  const c = camel(id);
  const table = `${id.replace(/-/g, '_')}_item`;
  const stamp = new Date().toISOString().replace(/\D/g, '').slice(0, 14);
  const files: Record<string, string> = {
    'package.json': `${JSON.stringify(
      {
        name: `@cppcc/plugin-${id}`,
        version: '0.1.0',
        private: true,
        type: 'module',
        exports: { '.': { '@cppcc/source': './src/manifest.ts', default: './dist/manifest.js' } },
        scripts: {
          build: 'tsc -p tsconfig.build.json',
          typecheck: 'tsc -p tsconfig.json',
          start: 'tsx --conditions=@cppcc/source src/index.ts',
          'start:prod': 'node dist/index.js',
        },
        // The SDK alone: it re-exports what a plugin builds with; its ./testing entry needs the core packages below, for tests only.
        dependencies: { '@cppcc/plugin-sdk': '*' },
        devDependencies: {
          '@cppcc/gateway': '*',
          '@cppcc/testing': '*',
          '@cppcc/organization': '*',
          '@cppcc/demo': '*',
        },
      },
      null,
      2,
    )}\n`,
    'tsconfig.json': `${JSON.stringify({ extends: '../../tsconfig.json', include: ['src/**/*.ts'] }, null, 2)}\n`,
    'tsconfig.build.json': `${JSON.stringify({ extends: './tsconfig.json', compilerOptions: { noEmit: false, outDir: 'dist', rootDir: 'src' }, exclude: ['src/**/*.test.ts'], include: ['src/**/*.ts'] }, null, 2)}\n`,
    'src/builder.ts': `import { pluginBuilder } from '@cppcc/plugin-sdk';

/** Every type and field defined on this builder is tagged plugin/${id} and gated per district. */
export const builder = pluginBuilder('${id}');
`,
    [`src/entities/${id}-item.entity.ts`]: `import { defineEntity, p, type InferEntity } from '@cppcc/plugin-sdk';

/** One record of this plugin. Rows carry their district, so the platform's district filter applies. */
export const ${P}ItemSchema = defineEntity({
  name: '${P}Item',
  tableName: '${table}',
  properties: {
    id: p.integer().primary().autoincrement(),
    district: p.string().length(12).index(),
    title: p.string(),
    createdBy: p.string().nullable(),
    createdAt: p.datetime(),
    public: p.boolean().default(true),
  },
});
export type ${P}Item = InferEntity<typeof ${P}ItemSchema>;
`,
    'src/migrations/0001-initial.ts': `import { defineMigration } from '@cppcc/plugin-sdk';

export const initial = defineMigration('Migration${stamp}_${id.replace(/-/g, '_')}_initial', (knex) =>
  knex.schema.createTable('${table}', (t) => {
    t.increments('id').primary();
    t.string('district', 12).notNullable().index();
    t.string('title').notNullable();
    t.string('created_by').nullable();
    t.datetime('created_at').notNullable();
    t.boolean('public').notNullable().defaultTo(true);
  }),
);
`,
    [`src/schema/${id}-item.ts`]: `import {
  DISTRICT_DESCRIPTION,
  inputError,
  requirePermissionIn,
  settingsOf,
  TITLE_DESCRIPTION,
  titleSchema,
} from '@cppcc/plugin-sdk';
import { builder } from '../builder.js';
import { ${P}ItemSchema, type ${P}Item } from '../entities/${id}-item.entity.js';
import type { ${P}Settings } from '../settings.js';
import { DistrictRef } from './district.js';

export const ${P}ItemRef = builder.objectRef<${P}Item>('${P}Item').implement({
  description: 'A record of the ${id} plugin.',
  fields: (t) => ({
    id: t.exposeID('id'),
    // A record's district is the District (docs/architecture.md, Districts), not its code.
    district: t.field({ description: DISTRICT_DESCRIPTION, type: DistrictRef, nullable: true, resolve: (item) => ({ code: item.district }) }),
    title: t.exposeString('title'),
    createdAt: t.field({ type: 'DateTime', resolve: (item) => item.createdAt }),
  }),
});

builder.queryFields((t) => ({
  ${c}Items: t.field({
    type: [${P}ItemRef],
    // Nullable: when the plugin is down, the rest of the answer survives.
    nullable: true,
    description: "Records of the request's district (and, for city staff, the districts below).",
    resolve: (_root, _args, ctx) => ctx.em.find(${P}ItemSchema, {}, { orderBy: { id: 'asc' } }),
  }),
}));

builder.mutationType({});

builder.mutationFields((t) => ({
  add${P}Item: t.field({
    type: ${P}ItemRef,
    description: 'Adds a record to a district (needs the permission item.add).',
    args: {
      district: t.arg.id({ required: true }),
      title: t.arg.string({ required: true, validate: titleSchema, description: TITLE_DESCRIPTION }),
    },
    resolve: async (_root, args, ctx) => {
      const district = String(args.district);
      await requirePermissionIn(ctx, 'item.add', district);
      const settings = await settingsOf<${P}Settings>(ctx, district);
      const count = await ctx.em.count(${P}ItemSchema, { district }, { filters: false });
      if (count >= settings.maxItems) throw inputError('district', 'max-items', \`district \${district} already has \${count} records, the most its settings allow (maxItems)\`);
      return ctx.em.transactional(async (em) =>
        em.create(${P}ItemSchema, { district, title: args.title.trim(), createdBy: ctx.caller.userId, createdAt: new Date(), public: true }),
      );
    },
  }),
}));
`,
    'src/schema/district.ts': `import { builder } from '../builder.js';
import { ${P}ItemSchema } from '../entities/${id}-item.entity.js';
import { ${P}ItemRef } from './${id}-item.js';

/** District belongs to the organization subgraph; this plugin adds its records to it. */
export const DistrictRef = builder.externalRef('District', builder.selection<{ code: string }>('code')).implement({
  externalFields: (t) => ({ code: t.id() }),
});

builder.objectField(DistrictRef, '${c}Items', (t) =>
  t.field({
    type: [${P}ItemRef],
    nullable: true,
    resolve: (district, _args, ctx) => ctx.em.find(${P}ItemSchema, { district: district.code }, { orderBy: { id: 'asc' } }),
  }),
);
`,
    'src/schema/index.ts': `import './${id}-item.js';
import './district.js';
`,
    'src/settings.ts': `import { z } from '@cppcc/plugin-sdk';

/** What a district may set for this plugin; every field has its default. */
export const settings = z.object({
  maxItems: z.number().int().positive().max(10_000).default(100).describe('Most records one district may keep.'),
});
export type ${P}Settings = z.infer<typeof settings>;
`,
    'src/seed.ts': `import type { EntityManager } from '@cppcc/plugin-sdk';
import { ${P}ItemSchema } from './entities/${id}-item.entity.js';

export async function isSeeded(em: EntityManager): Promise<boolean> {
  return (await em.count(${P}ItemSchema, {}, { filters: false })) > 0;
}

export async function seed(em: EntityManager): Promise<void> {
  em.create(${P}ItemSchema, { district: '341000', title: 'First record', createdBy: 'demo', createdAt: new Date(), public: true });
}
`,
    'src/manifest.ts': `import { definePlugin } from '@cppcc/plugin-sdk';
import { builder } from './builder.js';
import { ${P}ItemSchema } from './entities/${id}-item.entity.js';
import { initial } from './migrations/0001-initial.js';
import './schema/index.js';
import { isSeeded, seed } from './seed.js';
import { settings } from './settings.js';

export const ${c} = definePlugin({
  id: '${id}',
  title: { zh: '${id}', en: '${P}' },
  version: '0.1.0',
  sdk: '^${SDK_VERSION.split('.')[0]}.0.0',
  description: 'Describe what this plugin records and for whom.',
  port: ${port},
  extends: ['District'],
  builder,
  entities: [${P}ItemSchema],
  migrations: [initial],
  seed,
  isSeeded,
  permissions: {
    // requirePermissionIn also confines the write to the districts the caller works for.
    'item.add': { description: 'add records', roles: ['staff'] },
  },
  settings,
  demo: { enabledIn: ['341000', '341021'], disabledIn: ['341002'] },
});

export default ${c};
`,
    'src/index.ts': `import { serveAlone } from '@cppcc/plugin-sdk';
import { ${c} } from './manifest.js';

await serveAlone(${c}.module);
`,
    'src/manifest.test.ts': `import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPluginTest, type PluginTest } from '@cppcc/plugin-sdk/testing';
import { ${c} } from './manifest.js';

describe('${id}', () => {
  let t: PluginTest;
  beforeAll(async () => {
    t = await startPluginTest(${c});
    await t.enable('341002', { maxItems: 1 });
  });
  afterAll(() => t?.stop());

  const staff = (district: string) => ({ as: { roles: ['staff' as const], district } });
  const add = \`mutation ($district: ID!, $title: String!) { add${P}Item(district: $district, title: $title) { id title district { code } } }\`;

  it('adds a record for a district that enabled the plugin and shows it on the district', async () => {
    const added = await t.post<{ add${P}Item: { title: string; district: { code: string } } }>(add, { district: '341002', title: 'Visit' }, staff('341002'));
    expect(added.errors).toBeUndefined();
    expect(added.data?.add${P}Item).toMatchObject({ title: 'Visit', district: { code: '341002' } });
    const listed = await t.post<{ district: { ${c}Items: { title: string }[] } }>('{ district(code: "341002") { name ${c}Items { title } } }', {}, staff('341002'));
    expect(listed.data?.district.${c}Items).toEqual([{ title: 'Visit' }]);
  });

  it('refuses a district that has not enabled it, naming the plugin', async () => {
    const refused = await t.post(add, { district: '341021', title: 'Visit' }, staff('341021'));
    expect(refused.errors?.[0].extensions).toMatchObject({ code: 'PLUGIN_DISABLED', plugin: '${id}' });
  });

  it('applies the district settings and refuses bad input, naming the field', async () => {
    const over = await t.post(add, { district: '341002', title: 'Another' }, staff('341002'));
    expect(over.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'district' });
    const empty = await t.post(add, { district: '341002', title: '  ' }, staff('341002'));
    expect(empty.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'title', rule: 'title-length' });
  });

  it('refuses callers without the permission', async () => {
    const member = await t.post(add, { district: '341002', title: 'Visit' }, { as: { roles: ['member'], district: '341002', memberId: '1' } });
    expect(member.errors?.[0].extensions?.code).toBe('FORBIDDEN');
  });
});
`,
  };
  const written: string[] = [];
  for (const [name, content] of Object.entries(files)) {
    const file = path.join(dir, name);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, content);
    written.push(file);
  }
  return written;
}

/**
 * Adds the plugin to an installation's list (plugins/installed.json, or the file given) —
 * the only file installing it edits: no core package is touched. Returns whether it was new.
 */
export function installPlugin(listFile: string, id: string): boolean {
  if (!ID.test(id)) throw new Error(`"${id}" is not a kebab-case plugin id`);
  const list = JSON.parse(fs.readFileSync(listFile, 'utf8')) as { installed?: unknown };
  if (!Array.isArray(list.installed))
    throw new Error(`${listFile}: "installed" must be a list of plugin ids`);
  if (list.installed.includes(id)) return false;
  list.installed.push(id);
  fs.writeFileSync(listFile, `${JSON.stringify(list, null, 2)}\n`);
  return true;
}
