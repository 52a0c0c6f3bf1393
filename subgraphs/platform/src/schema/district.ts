import { liveField } from '@cppcc/kit';
import { builder } from '../builder.js';
import { SwitchRef, switchesOf } from './plugin-switch.js';

/** District is organization's entity; the platform adds which plugins it has switched on. */
export const DistrictRef = builder
  .externalRef('District', builder.selection<{ code: string }>('code'))
  .implement({
    externalFields: (t) => ({ code: t.id() }),
  });

// Fields are built lazily, so SwitchRef is defined by then despite the two files importing each other.
builder.objectFields(DistrictRef, (t) => ({
  plugins: t.field({
    type: [SwitchRef],
    // Resolved by the platform subgraph: when it is down the district still answers, with this field null.
    nullable: true,
    description: 'Every installed plugin and whether this district has it on.',
    resolve: (district, _args, ctx) => switchesOf(ctx, district.code),
  }),
}));

liveField(builder, 'pluginSwitched', DistrictRef, {
  description:
    "A district each time a plugin is enabled, disabled or reconfigured for it, as `district(code)` would show it (its `plugins`; settings for the district's own roles and the city's).",
  districtRequired: true,
  byId: false,
});
