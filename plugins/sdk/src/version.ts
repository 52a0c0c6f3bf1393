import { createRequire } from 'node:module';
import semver from 'semver';

/** This SDK's version (its package.json, one folder up from src/ and from dist/). */
export const SDK_VERSION: string = (
  createRequire(import.meta.url)('../package.json') as { version: string }
).version;

/**
 * Why a plugin written for the SDK versions `range` cannot load with this one, or null when it
 * can. A plugin outside this repository states the range in its manifest (`sdk`) and as its
 * peer dependency on @cppcc/plugin-sdk.
 */
export function sdkRangeProblem(range: string): string | null {
  if (!semver.validRange(range)) return `sdk "${range}" is not a semver range (e.g. "^1.0.0")`;
  if (!semver.satisfies(SDK_VERSION, range))
    return `sdk: written for @cppcc/plugin-sdk ${range}, but this platform has ${SDK_VERSION}; install a version of the plugin made for it`;
  return null;
}
