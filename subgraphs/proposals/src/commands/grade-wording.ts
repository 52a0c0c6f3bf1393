import { assertWritableDistrict, audit, type RequestContext } from '@cppcc/kit';
import { GradeWordingSchema, type Grade } from '../entities/reply.entity.js';
import { requireText } from './common.js';

/** A district sets its own wording for a reply grade. */
export async function setGradeWording(
  ctx: RequestContext,
  district: string,
  grade: Grade,
  wording: string,
) {
  const text = requireText(wording, 'wording', 200);
  await assertWritableDistrict(ctx, district);
  return ctx.em.transactional(async (em) => {
    await em.upsert(GradeWordingSchema, { district, grade, wording: text });
    audit(em, {
      entity: 'reply_grade_wording',
      entityId: `${district}:${grade}`,
      action: 'set',
      fromState: null,
      toState: grade,
      actor: ctx.caller.userId,
      note: text,
    });
    return { district, grade, wording: text };
  });
}
