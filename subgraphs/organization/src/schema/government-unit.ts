import { connectionType, findPage, nodeType, pageArgs, parseId, type Page } from '@cppcc/kit';
import { z } from 'zod';
import { builder } from '../builder.js';
import { registerGovernmentUnit, updateGovernmentUnit } from '../commands/government-units.js';
import { DistrictSchema } from '../entities/district.entity.js';
import { GovernmentUnitSchema, type GovernmentUnit } from '../entities/government-unit.entity.js';
import { DistrictType } from './district.js';

export const GovernmentUnitType = builder.objectRef<GovernmentUnit>('GovernmentUnit').implement({
  description:
    '政府部门 / 承办单位: a government department that handles proposals and liaises with committees. Public.',
  fields: (t) => ({
    id: t.exposeID('id', { description: "The GovernmentUnit's id." }),
    name: t.exposeString('name', { description: "名称 The unit's full name." }),
    short: t.exposeString('short', { description: 'Short name used in reports, e.g. 发改委.' }),
    active: t.exposeBoolean('active', {
      description:
        '在用 Whether the unit still exists and takes handling tasks; an inactive unit is kept for its history.',
    }),
    district: t.field({
      description: 'The district whose committee it belongs to.',
      type: DistrictType,
      nullable: true,
      resolve: (u, _a, ctx) => ctx.loaders.one(DistrictSchema, 'code').load(u.district),
    }),
  }),
});

nodeType(builder, GovernmentUnitType, (ctx, id) => ctx.loaders.one(GovernmentUnitSchema).load(id));

const GovernmentUnitConnection = connectionType<GovernmentUnit>(
  builder,
  'GovernmentUnit',
  GovernmentUnitType,
);

builder.queryField('governmentUnits', (t) =>
  t.field({
    description:
      "政府部门 Government units (departments a committee liaises with or consults). Paged; shows what the caller may see: public records to anyone, the rest to those who work for the record's district.",
    type: GovernmentUnitConnection,
    args: {
      district: t.arg.id({
        description: 'Only records of this district (its code).',
        required: false,
      }),
      active: t.arg.boolean({
        description: 'Only active units (true) or only inactive ones (false); both when left out.',
        required: false,
      }),
      ...pageArgs(t),
    },
    resolve: (
      _root,
      { district, active, first, after, last, before },
      ctx,
    ): Promise<Page<GovernmentUnit>> =>
      findPage(
        ctx.em,
        GovernmentUnitSchema,
        {
          ...(district ? { district: String(district) } : {}),
          ...(active != null ? { active } : {}),
        },
        { first, after, last, before },
      ),
  }),
);

builder.queryField('governmentUnit', (t) =>
  t.field({
    description:
      '政府部门 One government unit by id, or null when it does not exist or the caller may not see it.',
    type: GovernmentUnitType,
    nullable: true,
    args: { id: t.arg.id({ description: "The GovernmentUnit's id.", required: true }) },
    resolve: (_root, { id }, ctx) =>
      ctx.loaders.one(GovernmentUnitSchema).load(parseId(id, 'id', 'GovernmentUnit')),
  }),
);

const name = z.string().trim().min(2, 'must have at least 2 characters').max(80);

const RegisterGovernmentUnitInput = builder.inputType('RegisterGovernmentUnitInput', {
  description: 'What `registerGovernmentUnit` takes.',
  fields: (t) => ({
    district: t.id({
      description: 'The district (its code) whose committee the record belongs to.',
      required: true,
    }),
    name: t.string({
      description: 'The full name: trimmed, 2 to 80 characters.',
      required: true,
      validate: name,
    }),
    short: t.string({
      description: 'The short name used in reports: trimmed, 1 to 20 characters.',
      required: true,
      validate: z.string().trim().min(1, 'must not be empty').max(20),
    }),
  }),
});

builder.mutationField('registerGovernmentUnit', (t) =>
  t.field({
    type: GovernmentUnitType,
    description:
      'Staff register a department of their district; other modules learn of it through government_unit.registered.',
    authScopes: { staff: true },
    args: {
      input: t.arg({
        description: 'What `registerGovernmentUnit` takes (`RegisterGovernmentUnitInput`).',
        type: RegisterGovernmentUnitInput,
        required: true,
      }),
    },
    resolve: (_root, { input }, ctx) =>
      registerGovernmentUnit(ctx, {
        district: String(input.district),
        name: input.name.trim(),
        short: input.short.trim(),
      }),
  }),
);

const UpdateGovernmentUnitInput = builder.inputType('UpdateGovernmentUnitInput', {
  description: 'What `updateGovernmentUnit` takes.',
  fields: (t) => ({
    id: t.id({ description: "The GovernmentUnit's id.", required: true }),
    name: t.string({
      description: 'A new full name: trimmed, 2 to 80 characters.',
      required: false,
      validate: name,
    }),
    short: t.string({
      description: 'A new short name: trimmed, 1 to 20 characters.',
      required: false,
      validate: z.string().trim().min(1, 'must not be empty').max(20),
    }),
    active: t.boolean({
      required: false,
      description: 'False when the department is abolished or merged away.',
    }),
  }),
});

builder.mutationField('updateGovernmentUnit', (t) =>
  t.field({
    description: "Staff of the unit's district change a government unit's details.",
    type: GovernmentUnitType,
    authScopes: { staff: true },
    args: {
      input: t.arg({
        description: 'What `updateGovernmentUnit` takes (`UpdateGovernmentUnitInput`).',
        type: UpdateGovernmentUnitInput,
        required: true,
      }),
    },
    resolve: (_root, { input }, ctx) =>
      updateGovernmentUnit(ctx, parseId(input.id, 'input.id'), {
        name: input.name?.trim(),
        short: input.short?.trim(),
        active: input.active,
      }),
  }),
);
