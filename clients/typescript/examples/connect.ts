import { createClient, type Client } from '../src/index.js';

/**
 * The client an example runs with when started from the command line: CPPCC_URL (default the
 * embedded platform's), CPPCC_TOKEN (one `npm start` prints, or `npm run token`), CPPCC_DISTRICT.
 */
export function clientFromEnvironment(): Client {
  return createClient({
    url: process.env.CPPCC_URL ?? 'http://127.0.0.1:4000/graphql',
    token: process.env.CPPCC_TOKEN || undefined,
    district: process.env.CPPCC_DISTRICT || undefined,
  });
}

/** True when the module is the script node or tsx was started with. */
export function isMain(url: string): boolean {
  return !!process.argv[1] && new URL(url).pathname === process.argv[1];
}
