import { z } from '@cppcc/plugin-sdk';

/** Per district; every field has a default, so enabling without settings works. */
export const settings = z.object({
  membersPerInspection: z
    .number()
    .int()
    .min(1)
    .max(50)
    .default(8)
    .describe('Most members one inspection may take.'),
  requireFindings: z.boolean().default(true).describe('Whether a report must state findings.'),
});
export type RiverChiefSettings = z.infer<typeof settings>;
