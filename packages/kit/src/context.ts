import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';
import { ANONYMOUS, type Caller } from './caller.js';
import { DISTRICT_FILTER, districtFilterParams, type EntityManager, type Orm } from './db.js';
import { leastPrivilege } from './districts.js';
import { Loaders } from './loaders.js';
import { moduleLogger, type Logger } from './log.js';

/** What every resolver receives. One per request; nothing in it outlives the request. */
export interface RequestContext {
  caller: Caller;
  /** This request's own EntityManager, with the caller's district filter set. */
  em: EntityManager;
  loaders: Loaders;
  /** Module serving the request; events it emits name it as their source. */
  module: string;
  requestId: string;
  log: Logger;
  /**
   * The day steps are weighed as of (`stepDay`): unset for a request (today); the inbox sets a
   * later day to ask what a party could do once work is due (kit work-waiting.ts, `later`).
   */
  asOf?: string;
}

export function createContext(
  orm: Orm,
  module: string,
  sent: Caller = ANONYMOUS,
  requestId: string = randomUUID(),
): RequestContext {
  const caller = leastPrivilege(sent);
  const em = orm.em.fork() as EntityManager;
  em.setFilterParams(DISTRICT_FILTER, districtFilterParams(caller));
  return {
    caller,
    em,
    loaders: new Loaders(em),
    module,
    requestId,
    log: moduleLogger(module).child({ requestId }),
  };
}

/**
 * Set while a module serves a request, so that work can tell a request's SQL from the
 * relay's and the consumers' running beside it (tests count the former).
 */
export const currentRequest = new AsyncLocalStorage<{ module: string; requestId: string }>();
