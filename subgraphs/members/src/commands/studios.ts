import {
  appError,
  assertWritableDistrict,
  audit,
  canWriteDistrict,
  emit,
  type EntityManager,
  ErrorCode,
  inputError,
  notFound,
  type RequestContext,
  today,
  staleVersion,
} from '@cppcc/kit';
import { studioIssueRaised, studioShiftServed } from '@cppcc/events';
import { MemberSchema, type Member } from '../entities/member.entity.js';
import {
  MemberStudioSchema,
  StudioReceptionSchema,
  StudioResidentSchema,
  StudioShiftSchema,
  TownshipConvenorSchema,
  type IssueTarget,
  type MemberStudio,
  type StudioReception,
  type StudioResident,
  type StudioShift,
  type TownshipConvenor,
} from '../entities/studio.entity.js';
import {
  receptionWorkflow,
  shiftWorkflow,
  type ReceptionAction,
  type ShiftAction,
} from '../workflow.js';

/** An active member of the district, or a clear error naming the field. */
async function districtMember(
  em: EntityManager,
  id: number,
  district: string,
  field: string,
): Promise<Member> {
  const member = await em.findOne(MemberSchema, { id }, { filters: false });
  if (!member || member.district !== district)
    throw inputError(field, 'exists', `no member ${id} in district ${district}`);
  if (member.status !== 'ACTIVE')
    throw inputError(field, 'active', `member ${id} is ${member.status}, not ACTIVE`);
  return member;
}

async function loadStudio(ctx: RequestContext, id: number): Promise<MemberStudio> {
  const studio = await ctx.em.findOne(MemberStudioSchema, { id }, { filters: false });
  if (!studio) throw notFound('studio', id);
  return studio;
}

/** The studio's lead and resident members. */
export async function studioMemberIds(
  em: EntityManager,
  studio: MemberStudio,
): Promise<Set<number>> {
  const residents = await em.find(
    StudioResidentSchema,
    { studioId: studio.id },
    { filters: false },
  );
  return new Set([studio.leadMemberId, ...residents.map((r) => r.memberId)]);
}

export interface StudioInput {
  district: string;
  name: string;
  location: string;
  rules: string | null;
  leadMemberId: number;
  openedOn: string;
}

export async function createStudio(ctx: RequestContext, input: StudioInput): Promise<MemberStudio> {
  await assertWritableDistrict(ctx, input.district, 'input.district');
  await districtMember(ctx.em, input.leadMemberId, input.district, 'input.leadMemberId');
  const studio = ctx.em.create(MemberStudioSchema, { ...input, public: true });
  await ctx.em.flush();
  return studio;
}

export async function addStudioResident(
  ctx: RequestContext,
  studioId: number,
  memberId: number,
  joinedOn: string,
): Promise<StudioResident> {
  const studio = await loadStudio(ctx, studioId);
  await assertWritableDistrict(ctx, studio.district, 'studioId');
  await districtMember(ctx.em, memberId, studio.district, 'memberId');
  if ((await studioMemberIds(ctx.em, studio)).has(memberId)) {
    throw appError(
      ErrorCode.CONFLICT,
      `memberId: member ${memberId} already works in studio ${studioId}`,
      { field: 'memberId' },
    );
  }
  const resident = ctx.em.create(StudioResidentSchema, {
    district: studio.district,
    studioId,
    memberId,
    joinedOn,
    public: true,
  });
  await ctx.em.flush();
  return resident;
}

/** Staff put a lead or resident member on the rota for a day. */
export async function scheduleShift(
  ctx: RequestContext,
  studioId: number,
  memberId: number,
  shiftOn: string,
): Promise<StudioShift> {
  const studio = await loadStudio(ctx, studioId);
  await assertWritableDistrict(ctx, studio.district, 'studioId');
  if (!(await studioMemberIds(ctx.em, studio)).has(memberId))
    throw inputError(
      'memberId',
      'studio-member',
      `member ${memberId} is neither the lead nor a resident of studio ${studioId}`,
    );
  if (
    await ctx.em.findOne(StudioShiftSchema, { studioId, memberId, shiftOn }, { filters: false })
  ) {
    throw appError(
      ErrorCode.CONFLICT,
      `shiftOn: member ${memberId} is already on the rota on ${shiftOn}`,
      { field: 'shiftOn' },
    );
  }
  const shift = ctx.em.create(StudioShiftSchema, {
    district: studio.district,
    studioId,
    memberId,
    shiftOn,
    status: 'SCHEDULED',
    public: true,
  });
  await ctx.em.flush();
  return shift;
}

/** One step of a shift; a served shift enters the member's duty record through the bus. */
export async function moveShift(
  ctx: RequestContext,
  id: number,
  action: ShiftAction,
  version: number,
  note: string | null,
): Promise<StudioShift> {
  return ctx.em.transactional(async (em) => {
    const shift = await em.findOne(StudioShiftSchema, { id }, { filters: false });
    const own = shift && ctx.caller.memberId === String(shift.memberId);
    if (!shift || !(own || canWriteDistrict(ctx.caller, shift.district)))
      throw notFound('studio shift', id);
    if (shift.version !== version) throw staleVersion(`studio shift ${id}`, shift.version, version);
    if (action === 'serve' && shift.shiftOn > today())
      throw inputError(
        'id',
        'date',
        `shift ${id} is on ${shift.shiftOn}: it cannot be served before its day`,
      );
    shiftWorkflow.apply({ ...ctx, em }, shift, action, note);
    if (shift.status === 'SERVED') {
      const studio = (await em.findOne(
        MemberStudioSchema,
        { id: shift.studioId },
        { filters: false },
      ))!;
      emit(
        em,
        ctx.module,
        studioShiftServed,
        {
          shiftId: String(shift.id),
          studioId: String(studio.id),
          studioName: studio.name,
          memberId: String(shift.memberId),
          servedOn: shift.shiftOn,
        },
        shift.district,
      );
    }
    return shift;
  });
}

export interface ReceptionInput {
  studioId: number;
  memberId: number | null;
  receivedOn: string;
  visitors: number;
  title: string;
  detail: string;
}

/**
 * A lead or resident member records a reception they held (staff may record one for them,
 * naming the member).
 */
export async function recordReception(
  ctx: RequestContext,
  input: ReceptionInput,
): Promise<StudioReception> {
  const studio = await loadStudio(ctx, input.studioId);
  const self = ctx.caller.memberId ? Number(ctx.caller.memberId) : null;
  const memberId = input.memberId ?? self;
  if (memberId === null)
    throw inputError('input.memberId', 'required', 'name the member who received the visitors');
  if (memberId !== self && !canWriteDistrict(ctx.caller, studio.district)) {
    throw appError(
      ErrorCode.FORBIDDEN,
      'only the receiving member or their district staff record a reception',
      { field: 'input.memberId' },
    );
  }
  if (!(await studioMemberIds(ctx.em, studio)).has(memberId))
    throw inputError(
      'input.memberId',
      'studio-member',
      `member ${memberId} does not work in studio ${studio.id}`,
    );
  if (input.receivedOn > today())
    throw inputError('input.receivedOn', 'past', 'must not be in the future');
  const { memberId: _given, ...rest } = input;
  const reception = ctx.em.create(StudioReceptionSchema, {
    ...rest,
    memberId,
    district: studio.district,
    status: 'RECORDED',
    target: null,
    public: false,
  });
  await ctx.em.flush();
  return reception;
}

/** Passing an issue on sends it to proposals as a draft or an opinion item for the receiving member. */
export async function moveReception(
  ctx: RequestContext,
  id: number,
  action: ReceptionAction,
  version: number,
  target: IssueTarget | null,
  note: string | null,
): Promise<StudioReception> {
  if (action === 'passOn' && !target)
    throw inputError(
      'target',
      'required',
      'say whether the issue becomes a PROPOSAL_DRAFT or an OPINION_ITEM',
    );
  return ctx.em.transactional(async (em) => {
    const reception = await em.findOne(StudioReceptionSchema, { id }, { filters: false });
    const own = reception && ctx.caller.memberId === String(reception.memberId);
    if (!reception || !(own || canWriteDistrict(ctx.caller, reception.district)))
      throw notFound('studio reception', id);
    if (reception.version !== version)
      throw staleVersion(`studio reception ${id}`, reception.version, version);
    receptionWorkflow.apply({ ...ctx, em }, reception, action, note);
    if (reception.status === 'PASSED_ON') {
      reception.target = target;
      const studio = (await em.findOne(
        MemberStudioSchema,
        { id: reception.studioId },
        { filters: false },
      ))!;
      emit(
        em,
        ctx.module,
        studioIssueRaised,
        {
          receptionId: String(reception.id),
          studioId: String(studio.id),
          studioName: studio.name,
          memberId: String(reception.memberId),
          title: reception.title,
          detail: reception.detail,
          target: target!,
          raisedOn: today(),
        },
        reception.district,
      );
    }
    return reception;
  });
}

export interface ConvenorInput {
  district: string;
  township: string;
  name: string;
  post: string;
  memberId: number | null;
  since: string;
}

/** Staff appoint a township's convenor; a new appointment replaces the last one, audited. */
export async function appointConvenor(
  ctx: RequestContext,
  input: ConvenorInput,
): Promise<TownshipConvenor> {
  await assertWritableDistrict(ctx, input.district, 'input.district');
  if (input.memberId !== null)
    await districtMember(ctx.em, input.memberId, input.district, 'input.memberId');
  return ctx.em.transactional(async (em) => {
    let convenor = await em.findOne(
      TownshipConvenorSchema,
      { district: input.district, township: input.township },
      { filters: false },
    );
    const before = convenor ? `${convenor.name}（${convenor.post}）` : null;
    if (convenor) Object.assign(convenor, input);
    else convenor = em.create(TownshipConvenorSchema, { ...input, public: true });
    await em.flush();
    audit(em as EntityManager, {
      entity: 'township_convenor',
      entityId: String(convenor.id),
      action: 'appoint',
      fromState: before,
      toState: `${input.name}（${input.post}）`,
      actor: ctx.caller.userId,
      note: `${input.township}，自${input.since}`,
    });
    return convenor;
  });
}
