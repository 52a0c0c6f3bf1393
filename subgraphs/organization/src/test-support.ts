import type { PartyCoverage } from './statistics.js';

export { publishDemoMembers as publishMembers, type MemberFacts } from '@cppcc/testing';

/**
 * The party coverage as the schema serves it: branches as the test selects them, unplaced
 * members by id (the module's own figure holds their ids).
 */
export type ServedPartyCoverage<Branch> = Omit<
  PartyCoverage,
  'branches' | 'branchesWithoutPartyMembers' | 'unplacedIds'
> & { branches: Branch[]; branchesWithoutPartyMembers: Branch[]; unplaced: { id: string }[] };
