import { pluginBuilder } from '@cppcc/plugin-sdk';

/** Every type and field defined on this builder is tagged plugin/inter-city-exchange and gated per district. */
export const builder = pluginBuilder('inter-city-exchange');
