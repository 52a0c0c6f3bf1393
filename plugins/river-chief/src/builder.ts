import { pluginBuilder } from '@cppcc/plugin-sdk';

/** Every type and field defined on this builder is tagged plugin/river-chief and gated per district. */
export const builder = pluginBuilder('river-chief');
