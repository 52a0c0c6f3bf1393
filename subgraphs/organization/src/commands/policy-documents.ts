import {
  appError,
  assertWritableDistrict,
  audit,
  DistrictRefSchema,
  ErrorCode,
  inputError,
  notFound,
  type RequestContext,
} from '@cppcc/kit';
import { assertOrder } from '../dates.js';
import {
  ImplementationReviewSchema,
  PolicyDocumentSchema,
  type ImplementationReview,
  type PolicyDocument,
  type PolicyKind,
  type ReviewKind,
} from '../entities/policy-document.entity.js';
import { reviewWorkflow } from '../workflow.js';
import { auditRecorded } from './recorded.js';

export async function recordPolicyDocument(
  ctx: RequestContext,
  input: {
    district: string;
    kind: PolicyKind;
    title: string;
    issuedBy: string;
    issuedOn: string;
    summary: string;
    public: boolean;
  },
): Promise<PolicyDocument> {
  await assertWritableDistrict(ctx, input.district, 'input.district');
  return ctx.em.transactional(async (em) => {
    const same = await em.count(
      PolicyDocumentSchema,
      { district: input.district, title: input.title },
      { filters: false },
    );
    if (same)
      throw appError(ErrorCode.CONFLICT, `input.title: 《${input.title}》 is already on record`, {
        field: 'input.title',
      });
    const document = em.create(PolicyDocumentSchema, input);
    await em.flush();
    auditRecorded(
      em,
      ctx,
      'policy_document',
      document.id,
      'RECORDED',
      `《${document.title}》${document.issuedOn}`,
    );
    return document;
  });
}

/**
 * Plans an inspection or special research on a document; the districts it visits must be the
 * document's district or below it (深入区县).
 */
export async function planImplementationReview(
  ctx: RequestContext,
  input: {
    document: number;
    kind: ReviewKind;
    title: string;
    plannedOn: string;
    districtsVisited: string[];
  },
): Promise<ImplementationReview> {
  const document = await ctx.loaders.one(PolicyDocumentSchema).load(input.document);
  if (!document)
    throw appError(ErrorCode.NOT_FOUND, `input.document: no policy document ${input.document}`, {
      field: 'input.document',
    });
  await assertWritableDistrict(ctx, document.district, 'input.document');
  assertOrder(
    document.issuedOn,
    input.plannedOn,
    'input.plannedOn',
    'the day the document was issued',
  );
  const refs = await ctx.loaders.one(DistrictRefSchema, 'code').loadMany(input.districtsVisited);
  input.districtsVisited.forEach((code, i) => {
    const ref = refs[i];
    if (!ref || ref instanceof Error)
      throw appError(
        ErrorCode.UNKNOWN_DISTRICT,
        `input.districtsVisited.${i}: no district has code ${code}`,
        { field: `input.districtsVisited.${i}` },
      );
    if (code !== document.district && ref.parentCode !== document.district)
      throw inputError(
        `input.districtsVisited.${i}`,
        'below',
        `${ref.name} is not ${document.district} or a district below it`,
      );
  });
  if (new Set(input.districtsVisited).size !== input.districtsVisited.length)
    throw inputError('input.districtsVisited', 'duplicate', 'names a district twice');
  return ctx.em.transactional(async (em) => {
    const review = em.create(ImplementationReviewSchema, {
      district: document.district,
      documentId: document.id,
      kind: input.kind,
      title: input.title,
      plannedOn: input.plannedOn,
      districtsVisited: input.districtsVisited,
      findings: null,
      followUp: null,
      reportedOn: null,
      status: 'PLANNED',
      public: document.public,
    });
    await em.flush();
    audit(em, {
      entity: 'implementation_review',
      entityId: String(review.id),
      action: 'plan',
      fromState: null,
      toState: 'PLANNED',
      actor: ctx.caller.userId,
      note: null,
    });
    return review;
  });
}

export interface MoveReview {
  action: 'start' | 'report' | 'close';
  findings?: string | null;
  reportedOn?: string | null;
  followUp?: string | null;
  note?: string | null;
}

/** Report needs findings and a date; closing needs the follow-up that was agreed. */
export async function moveImplementationReview(
  ctx: RequestContext,
  id: number,
  input: MoveReview,
): Promise<ImplementationReview> {
  const found = await ctx.em.findOne(ImplementationReviewSchema, { id });
  if (!found) throw notFound('implementation review', id);
  await assertWritableDistrict(ctx, found.district, 'input.id');
  if (input.action === 'report') {
    if (!input.findings?.trim())
      throw inputError('input.findings', 'required', 'a report states its findings');
    if (!input.reportedOn) throw inputError('input.reportedOn', 'required', 'a report has a date');
    assertOrder(found.plannedOn, input.reportedOn, 'input.reportedOn', 'plannedOn');
  }
  if (input.action === 'close' && !input.followUp?.trim())
    throw inputError('input.followUp', 'required', 'closing records the follow-up');
  return ctx.em.transactional(async (em) => {
    const review = await em.findOneOrFail(ImplementationReviewSchema, { id }, { filters: false });
    reviewWorkflow.apply({ ...ctx, em }, review, input.action, input.note ?? null);
    if (input.action === 'report')
      Object.assign(review, { findings: input.findings!.trim(), reportedOn: input.reportedOn });
    if (input.action === 'close') review.followUp = input.followUp!.trim();
    return review;
  });
}
