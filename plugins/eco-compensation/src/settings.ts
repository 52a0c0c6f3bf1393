import { z } from '@cppcc/plugin-sdk';
import { STANDARD_INDICATORS } from './indicators.js';

const standardCodes = new Set(STANDARD_INDICATORS.map((i) => i.code));

/** An indicator a district samples beyond the four of the agreement (e.g. dissolved oxygen). */
const extraIndicator = z.object({
  code: z
    .string()
    .regex(/^[a-z][a-z0-9_]{0,31}$/, 'lower-case letters, digits and _, starting with a letter'),
  name: z.string().trim().min(1).max(60),
  unit: z.string().trim().min(1).max(20).default('mg/L'),
  baseLimit: z.number().positive().describe('Base concentration the yearly average is divided by.'),
  includeInIndex: z
    .boolean()
    .default(false)
    .describe('Whether its ratio enters the compensation index P.'),
});

/** What a district may set for this plugin; every field has its default. */
export const settings = z.object({
  extraIndicators: z
    .array(extraIndicator)
    .max(20)
    .default([])
    .superRefine((list, ctx) => {
      const seen = new Set<string>();
      list.forEach((indicator, i) => {
        if (standardCodes.has(indicator.code))
          ctx.addIssue({
            code: 'custom',
            path: [i, 'code'],
            message: `${indicator.code} is one of the standard indicators`,
          });
        if (seen.has(indicator.code))
          ctx.addIssue({
            code: 'custom',
            path: [i, 'code'],
            message: `${indicator.code} is listed twice`,
          });
        seen.add(indicator.code);
      });
    })
    .describe('Indicators this district samples beyond the standard four.'),
  defaultStabilityK: z
    .number()
    .positive()
    .max(2)
    .default(0.85)
    .describe('Stability coefficient k for a new round that names none.'),
  amountUnit: z
    .enum(['yi', 'wan'])
    .default('yi')
    .describe('How amounts are displayed: 亿元 or 万元.'),
});
export type EcoCompensationSettings = z.infer<typeof settings>;

/** A district's settings from its switch row, defaults filled in (for work done on another district's rows). */
export function parseSettings(raw: unknown): EcoCompensationSettings {
  const parsed = settings.safeParse(raw ?? {});
  return parsed.success ? parsed.data : settings.parse({});
}
