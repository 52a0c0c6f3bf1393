import { defineEntity, p, type InferEntity } from '@mikro-orm/core';

/** What a report was about: the report's own examples are a donation drive and key proposals. */
export const PRESS_SUBJECTS = [
  'DONATION_DRIVE',
  'KEY_PROPOSALS',
  'CONSULTATION',
  'OPINION_WORK',
  'MEMBER_DUTY',
  'OTHER',
] as const;
export type PressSubject = (typeof PRESS_SUBJECTS)[number];

/**
 * 媒体报道: a newspaper or magazine covering the committee's work ("《中国政协杂志》给予重点报道",
 * "《X时报》两次在头版给予重点报道"). Public: it was published.
 */
export const PressReportSchema = defineEntity({
  name: 'PressReport',
  tableName: 'press_report',
  uniques: [{ properties: ['district', 'outlet', 'publishedOn', 'headline'] }],
  properties: {
    id: p.integer().primary().autoincrement(),
    district: p.string().length(12).index(),
    outlet: p.string(),
    headline: p.string(),
    publishedOn: p.string().length(10).index(),
    frontPage: p.boolean(),
    subject: p.string().$type<PressSubject>(),
    about: p.text(),
    url: p.string().nullable(),
    public: p.boolean().default(true),
  },
});
export type PressReport = InferEntity<typeof PressReportSchema>;
