import type { Plugin } from '@cppcc/plugin-sdk';
import { interCityExchange } from '@cppcc/plugin-inter-city-exchange';
import { ecoCompensation } from '@cppcc/plugin-eco-compensation';

/**
 * The installed plugins: this list is the installation's configuration. To install a plugin,
 * import its manifest and add it here (`npm run create-plugin` does it for a new one); to
 * remove one, delete its line. CPPCC_PLUGINS narrows the list at run time
 * (`CPPCC_PLUGINS=none`, or a comma-separated list of ids) without editing it.
 */
export const plugins: Plugin[] = [
  interCityExchange,
  ecoCompensation,
];
