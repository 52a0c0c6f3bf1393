import { z } from '@cppcc/plugin-sdk';

const city = z.string().trim().min(1, 'must not be empty').max(50, 'at most 50 characters');

/** What a district sets for the plugin; every field has its default. */
export const settings = z.object({
  enforceRotation: z
    .boolean()
    .default(true)
    .describe(
      'Refuse a joint chairs’ meeting hosted out of the rotation order unless staff give a reason.',
    ),
  visitReportDeadlineDays: z
    .number()
    .int('must be a whole number of days')
    .min(1, 'at least 1 day')
    .max(90, 'at most 90 days')
    .default(15)
    .describe('Days after a visit ends by which its outcomes report is due.'),
  shownPartnerCities: z
    .array(city)
    .max(50, 'at most 50 cities')
    .default([])
    .describe('Partner committees of these cities are listed; empty lists all.'),
});
export type InterCitySettings = z.infer<typeof settings>;
