import { readLimitSettings } from '@cppcc/kit';

/** The gateway as production configures it: no introspection for anonymous callers, no suggestions, one allowed origin. */
export const productionLimits = readLimitSettings(
  { CORS_ORIGINS: 'https://app.example.gov.cn' },
  true,
);

/** 10 fragments deep, each spreading the next 10 times: 10^10 paths for a walker without memo (~1 KB). */
export function fragmentBomb(levels = 10, spreads = 10): string {
  let fragments = 'fragment F0 on District { code name }\n';
  for (let i = 1; i <= levels; i++)
    fragments += `fragment F${i} on District { ${Array.from({ length: spreads }, () => `...F${i - 1}`).join(' ')} }\n`;
  return `{ districts { ...F${levels} } }\n${fragments}`;
}
