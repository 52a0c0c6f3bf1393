import { installedModules } from '@cppcc/platform';

/** Settings that put every installed module of an embedded platform on a free port. */
export function freeModulePorts(): Record<string, string> {
  return Object.fromEntries(
    installedModules().map((m) => [`PORT_${m.name.toUpperCase().replace(/-/g, '_')}`, '0']),
  );
}
