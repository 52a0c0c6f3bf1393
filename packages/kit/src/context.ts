import { randomUUID } from 'node:crypto';
import { ANONYMOUS, type Caller } from './caller.js';
import { DISTRICT_FILTER, districtFilterParams, type EntityManager, type Orm } from './db.js';
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
}

export function createContext(orm: Orm, module: string, caller: Caller = ANONYMOUS, requestId: string = randomUUID()): RequestContext {
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
