import {
  audit,
  inputError,
  isWithinDistrict,
  notFound,
  type RequestContext,
  requirePermissionIn,
} from '@cppcc/plugin-sdk';
import {
  JointActivitySchema,
  type JointActivity,
  type JointActivityKind,
} from '../entities/joint-activity.entity.js';
import { ResearchProjectRefSchema } from '../entities/research-project-ref.entity.js';
import { mechanismOf } from './mechanisms.js';
import { rotationOf } from './meetings.js';

export interface JointActivityInput {
  mechanismId: number;
  kind: JointActivityKind;
  topic: string;
  researchProjectId: string | null;
  participantIds: number[];
  startsOn: string;
  endsOn: string | null;
  outcome: string | null;
}

/** 联合调研 / 联动民主监督: what the mechanism's committees do together. */
export async function recordJointActivity(
  ctx: RequestContext,
  input: JointActivityInput,
): Promise<JointActivity> {
  const mechanism = await mechanismOf(ctx, input.mechanismId, 'input.mechanismId');
  await requirePermissionIn(ctx, 'meeting.record', mechanism.district, 'input.mechanismId');
  if (input.endsOn !== null && input.endsOn < input.startsOn)
    throw inputError('input.endsOn', 'order', 'must not be before startsOn');
  const rotation = new Set((await rotationOf(ctx, mechanism.id)).map((m) => m.id));
  if (input.participantIds.length < 2)
    throw inputError('input.participantIds', 'min', 'a joint activity has at least two committees');
  for (const [i, id] of input.participantIds.entries()) {
    if (!rotation.has(id))
      throw inputError(
        `input.participantIds.${i}`,
        'member',
        `committee ${id} is not one of mechanism ${mechanism.id}'s committees`,
      );
  }
  if (new Set(input.participantIds).size !== input.participantIds.length)
    throw inputError('input.participantIds', 'unique', 'lists a committee twice');
  if (input.researchProjectId !== null) {
    // The joint research is the local side of a project of the mechanism's district or one below it.
    const project = await ctx.em.findOne(ResearchProjectRefSchema, {
      projectId: input.researchProjectId,
    });
    if (!project)
      throw inputError(
        'input.researchProjectId',
        'exists',
        `no research project has id ${input.researchProjectId}`,
      );
    if (!(await isWithinDistrict(ctx, project.district, mechanism.district))) {
      throw inputError(
        'input.researchProjectId',
        'within-district',
        `research project ${input.researchProjectId} belongs to district ${project.district}, outside the mechanism's district ${mechanism.district}`,
      );
    }
  }
  return ctx.em.transactional(async (em) => {
    const activity = em.create(JointActivitySchema, {
      ...input,
      district: mechanism.district,
      public: mechanism.public,
    });
    await em.flush();
    audit(em, {
      entity: 'JointActivity',
      entityId: String(activity.id),
      action: 'record',
      fromState: null,
      toState: 'RECORDED',
      actor: ctx.caller.userId,
      note: null,
    });
    return activity;
  });
}

/** Records the outcome once the joint work is done. */
export async function recordJointActivityOutcome(
  ctx: RequestContext,
  id: number,
  endsOn: string,
  outcome: string,
): Promise<JointActivity> {
  const found = await ctx.em.findOne(JointActivitySchema, { id });
  if (!found) throw notFound('joint activity', id);
  await requirePermissionIn(ctx, 'meeting.record', found.district, 'input.id');
  if (endsOn < found.startsOn)
    throw inputError(
      'input.endsOn',
      'order',
      `must not be before the activity began (${found.startsOn})`,
    );
  return ctx.em.transactional(async (em) => {
    const activity = await em.findOneOrFail(JointActivitySchema, { id });
    activity.endsOn = endsOn;
    activity.outcome = outcome;
    audit(em, {
      entity: 'JointActivity',
      entityId: String(id),
      action: 'recordOutcome',
      fromState: 'RECORDED',
      toState: 'RECORDED',
      actor: ctx.caller.userId,
      note: null,
    });
    return activity;
  });
}
