import { pageArgs } from '@cppcc/kit';
import { builder } from '../builder.js';
import { MemberSchema } from '../entities/member.entity.js';
import { MemberConnection } from './member.js';

/** District is organization's entity; this subgraph adds its members. */
export const DistrictRef = builder
  .externalRef('District', builder.selection<{ code: string }>('code'))
  .implement({
    externalFields: (t) => ({ code: t.id() }),
    fields: (t) => ({
      members: t.field({
        description:
          "委员 The district's members, a page at a time; null for a caller who may not list them.",
        type: MemberConnection,
        nullable: true,
        args: pageArgs(t),
        resolve: (d, args, ctx) => ctx.loaders.page(MemberSchema, 'district', args).load(d.code),
      }),
    }),
  });
