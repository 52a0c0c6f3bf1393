import { defineEntity, p, type InferEntity } from '@mikro-orm/core';

/** 办理结果分类: A solved or adopted, B being solved, C deferred by conditions, D for reference. */
export const GRADES = ['A', 'B', 'C', 'D'] as const;
export type Grade = (typeof GRADES)[number];

export const DEFAULT_GRADE_WORDING: Record<Grade, string> = {
  A: '所提问题已经解决或基本解决、建议已采纳',
  B: '所提问题正在解决或已列入计划逐步解决',
  C: '因条件限制需以后解决',
  D: '留作参考',
};

export const REPLY_REVIEWS = ['PENDING', 'PASSED', 'SENT_BACK'] as const;
export type ReplyReview = (typeof REPLY_REVIEWS)[number];

/** 答复函: a unit's formal reply, reviewed by the supervising office. Every attempt is kept. */
export const ReplySchema = defineEntity({
  name: 'Reply',
  tableName: 'proposal_reply',
  properties: {
    id: p.integer().primary().autoincrement(),
    proposalId: p.integer().index(),
    taskId: p.integer().index(),
    unitId: p.integer(),
    text: p.text(),
    referenceNumber: p.string(),
    signingLeader: p.string(),
    contact: p.string(),
    grade: p.string().$type<Grade>(),
    repliedAt: p.datetime(),
    review: p.string().$type<ReplyReview>(),
    reviewNote: p.text().nullable(),
  },
});
export type Reply = InferEntity<typeof ReplySchema>;

/** A district's own wording for each grade (each district may set it). */
export const GradeWordingSchema = defineEntity({
  name: 'GradeWording',
  tableName: 'reply_grade_wording',
  properties: {
    district: p.string().length(12).primary(),
    grade: p.string().$type<Grade>().primary(),
    wording: p.string(),
  },
});
export type GradeWording = InferEntity<typeof GradeWordingSchema>;
