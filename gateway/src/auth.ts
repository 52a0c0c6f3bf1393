/**
 * Token reading lives in the kit: our gateway and, behind a stock router, every subgraph read
 * tokens with the same rules. The gateway adds the registry check (registry.ts).
 */
export { createTokenReader, type CppccClaims, type TokenResult } from '@cppcc/kit';
