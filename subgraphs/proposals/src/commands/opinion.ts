import {
  appError,
  assertKnownDistrict,
  audit,
  canSeeDistrict,
  emit,
  type EntityManager,
  ErrorCode,
  inputError,
  notFound,
  parseDate,
  type RequestContext,
  today,
  staleVersion,
  checkTitle,
} from '@cppcc/kit';
import { opinionItemAdopted, opinionItemSubmitted } from '@cppcc/events';
import {
  AdoptionSchema,
  BulletinIssueSchema,
  OpinionAuthorSchema,
  OpinionItemSchema,
  type AdoptionLevel,
  type AdoptionMode,
  type BulletinIssue,
  type OpinionItem,
  type OpinionSource,
} from '../entities/opinion-item.entity.js';
import { MemberRefSchema } from '../entities/refs.entity.js';
import type { ProposalCategory } from '../entities/proposal.entity.js';
import {
  issueWorkflow,
  isStaffOf,
  opinionWorkflow,
  type OpinionAction,
  type OpinionRecord,
} from '../workflow.js';
import { requireText, touch } from './common.js';
import { announceItemSubject } from './instructions.js';

export interface OpinionInput {
  title: string;
  content: string;
  category: ProposalCategory;
  /** Further member authors besides the caller (or, for staff entries, all member authors). */
  authorIds?: number[] | null;
  source?: OpinionSource | null;
  sourceName?: string | null;
  district?: string | null;
}

export async function authorsOf(em: EntityManager, itemId: number): Promise<number[]> {
  return (await em.find(OpinionAuthorSchema, { itemId }, { orderBy: { memberId: 'asc' } })).map(
    (a) => a.memberId,
  );
}

/** Items are internal: their district's staff and their own authors see them. */
export async function loadItem(
  em: EntityManager,
  ctx: RequestContext,
  id: number,
): Promise<OpinionRecord> {
  const item = (await em.findOne(
    OpinionItemSchema,
    { id },
    { filters: false },
  )) as OpinionRecord | null;
  if (!item) throw notFound('opinion item', id);
  item.authorIds = await authorsOf(em, id);
  const own = ctx.caller.memberId !== null && item.authorIds.includes(Number(ctx.caller.memberId));
  if (!(item.public || own || canSeeDistrict(ctx.caller, item.district)))
    throw notFound('opinion item', id);
  return item;
}

/** May the caller see this item? Public ones, their district's, and those they wrote. Batched over a request. */
export async function maySeeItem(ctx: RequestContext, item: OpinionItem): Promise<boolean> {
  if (item.public || canSeeDistrict(ctx.caller, item.district)) return true;
  const me = ctx.caller.memberId;
  return (
    me !== null &&
    (await ctx.loaders.many(OpinionAuthorSchema, 'itemId').load(item.id)).some(
      (a) => String(a.memberId) === me,
    )
  );
}

function checkVersion(
  item: { id: number; version: number },
  version: number,
  what = 'opinion item',
): void {
  if (item.version !== version) throw staleVersion(`${what} ${item.id}`, item.version, version);
}

/** Co-authors must be known members of the item's district. Call before a transaction. */
async function checkAuthors(ctx: RequestContext, district: string, ids: number[]): Promise<void> {
  if (new Set(ids).size !== ids.length)
    throw inputError('input.authorIds', 'unique', 'names a member twice');
  const refs = await ctx.em.find(MemberRefSchema, { id: { $in: ids } });
  for (const [i, id] of ids.entries()) {
    const ref = refs.find((r) => r.id === id);
    if (!ref)
      throw appError(ErrorCode.NOT_FOUND, `input.authorIds.${i}: member ${id} is not known`, {
        field: `input.authorIds.${i}`,
      });
    if (ref.district !== district)
      throw inputError(
        `input.authorIds.${i}`,
        'same-district',
        `member ${id} belongs to district ${ref.district}, not ${district}`,
      );
  }
}

export function createItem(
  em: EntityManager,
  fields: Pick<
    OpinionItem,
    | 'district'
    | 'title'
    | 'content'
    | 'category'
    | 'source'
    | 'sourceName'
    | 'status'
    | 'submittedOn'
  > & { fromProposalId?: number | null; studioReceptionId?: number | null },
): OpinionItem {
  return em.create(OpinionItemSchema, {
    ...fields,
    editedContent: null,
    statusNote: null,
    issueId: null,
    reportedTo: null,
    reportedOn: null,
    feedback: null,
    fedBackOn: null,
    fromProposalId: fields.fromProposalId ?? null,
    studioReceptionId: fields.studioReceptionId ?? null,
    public: false,
  });
}

function announce(
  em: EntityManager,
  ctx: RequestContext,
  item: OpinionItem,
  authorIds: number[],
): void {
  emit(
    em,
    ctx.module,
    opinionItemSubmitted,
    {
      itemId: String(item.id),
      authorIds: authorIds.map(String),
      title: item.title,
      submittedOn: item.submittedOn!,
    },
    item.district,
  );
}

/**
 * A member submits an item (with co-authors of their district), or staff enter one a party,
 * committee, district committee or informant reported (with its member authors, if any).
 */
export async function submitOpinionItem(
  ctx: RequestContext,
  input: OpinionInput,
): Promise<OpinionRecord> {
  const asMember =
    ctx.caller.memberId !== null && (input.source ?? 'MEMBER') === 'MEMBER' && !input.district;
  const district = asMember ? ctx.caller.district : (input.district ?? ctx.caller.district);
  if (!district)
    throw inputError('input.district', 'required', 'names the district the item is reported to');
  await assertKnownDistrict(ctx, district, 'input.district');
  let authorIds = input.authorIds ?? [];
  const source = input.source ?? 'MEMBER';
  if (asMember) {
    authorIds = [
      Number(ctx.caller.memberId),
      ...authorIds.filter((a) => a !== Number(ctx.caller.memberId)),
    ];
  } else {
    if (!isStaffOf(ctx, district))
      throw appError(
        ErrorCode.FORBIDDEN,
        `items from others are entered by information staff of district ${district}`,
      );
    if (source === 'MEMBER' && authorIds.length === 0)
      throw inputError('input.authorIds', 'required', 'an item from members names them');
    if (source !== 'MEMBER' && !input.sourceName?.trim())
      throw inputError(
        'input.sourceName',
        'required',
        `an item from a ${source.toLowerCase().replace(/_/g, ' ')} names it`,
      );
  }
  // Indexes name the input's own list; the submitting member is added to it.
  await checkAuthors(ctx, district, input.authorIds ?? []);
  return ctx.em.transactional(async (em) => {
    const item = createItem(em, {
      district,
      title: input.title.trim(),
      content: input.content.trim(),
      category: input.category,
      source,
      sourceName: source === 'MEMBER' ? null : input.sourceName!.trim(),
      status: 'SUBMITTED',
      submittedOn: today(),
    }) as OpinionRecord;
    await em.flush();
    for (const memberId of authorIds) em.create(OpinionAuthorSchema, { itemId: item.id, memberId });
    item.authorIds = authorIds;
    audit(em, {
      entity: 'opinion_item',
      entityId: String(item.id),
      action: 'submit',
      fromState: null,
      toState: 'SUBMITTED',
      actor: ctx.caller.userId,
      note: null,
    });
    announce(em, ctx, item, authorIds);
    return item;
  });
}

/** The author edits a draft; staff edit the text for the bulletin (采编) while screening. */
export async function editOpinionItem(
  ctx: RequestContext,
  id: number,
  version: number,
  title: string,
  content: string,
): Promise<OpinionRecord> {
  return ctx.em.transactional(async (em) => {
    const item = await loadItem(em, ctx, id);
    checkVersion(item, version);
    // The table says who edits what (authors their draft, staff an item under screening).
    if (item.status === 'DRAFT') {
      opinionWorkflow.check({ ...ctx, em }, item, 'edit');
      item.title = title.trim();
      item.content = content.trim();
    } else {
      opinionWorkflow.apply({ ...ctx, em }, item, 'edit');
      item.title = title.trim();
      item.editedContent = content.trim();
    }
    touch(item);
    return item;
  });
}

/** Steps that need only a note: submit a draft, withdraw, select (screen in), discard. */
export async function moveItem(
  ctx: RequestContext,
  id: number,
  action: Extract<OpinionAction, 'submit' | 'withdraw' | 'select' | 'discard'>,
  version: number,
  note: string | null,
): Promise<OpinionRecord> {
  const why = action === 'discard' ? requireText(note, 'note') : note?.trim() || null;
  return ctx.em.transactional(async (em) => {
    const item = await loadItem(em, ctx, id);
    checkVersion(item, version);
    if (action === 'submit' && (!item.title.trim() || !item.content.trim()))
      throw inputError(
        'content',
        'required',
        'an item needs a title and content before submission',
      );
    opinionWorkflow.apply({ ...ctx, em }, item, action, why);
    touch(item);
    if (action === 'discard') item.statusNote = why;
    if (action === 'submit') {
      item.submittedOn = today();
      announce(em, ctx, item, item.authorIds!);
    }
    return item;
  });
}

export interface IssueInput {
  district: string;
  year: number;
  number: number;
  title: string;
  editor: string;
  issuer: string;
}

/** Staff open a new bulletin issue (期). */
export async function createBulletinIssue(
  ctx: RequestContext,
  input: IssueInput,
): Promise<BulletinIssue> {
  await assertKnownDistrict(ctx, input.district, 'input.district');
  if (!isStaffOf(ctx, input.district))
    throw appError(
      ErrorCode.FORBIDDEN,
      `bulletin issues of district ${input.district} are made by its information staff`,
      { field: 'input.district' },
    );
  const editor = requireText(input.editor, 'input.editor', 50);
  const issuer = requireText(input.issuer, 'input.issuer', 50);
  const title = checkTitle(input.title, 'input.title');
  if (!Number.isInteger(input.number) || input.number < 1)
    throw inputError('input.number', 'positive', 'must be a positive whole number');
  return ctx.em.transactional(async (em) => {
    if (
      await em.count(
        BulletinIssueSchema,
        { district: input.district, year: input.year, number: input.number },
        { filters: false },
      )
    ) {
      throw appError(
        ErrorCode.CONFLICT,
        `input.number: issue ${input.year}-${input.number} already exists`,
        { field: 'input.number' },
      );
    }
    const issue = em.create(BulletinIssueSchema, {
      district: input.district,
      year: input.year,
      number: input.number,
      title,
      editor,
      issuer,
      status: 'DRAFT',
      publishedOn: null,
      public: false,
    });
    await em.flush();
    audit(em, {
      entity: 'bulletin_issue',
      entityId: String(issue.id),
      action: 'create',
      fromState: null,
      toState: 'DRAFT',
      actor: ctx.caller.userId,
      note: null,
    });
    return issue;
  });
}

async function loadIssue(
  em: EntityManager,
  ctx: RequestContext,
  id: number,
): Promise<BulletinIssue> {
  const issue = await em.findOne(BulletinIssueSchema, { id });
  if (!issue || !canSeeDistrict(ctx.caller, issue.district)) throw notFound('bulletin issue', id);
  return issue;
}

/** Staff put selected items into a draft issue (or take them out: `remove`). */
export async function placeItems(
  ctx: RequestContext,
  issueId: number,
  version: number,
  itemIds: number[],
  remove: boolean,
): Promise<BulletinIssue> {
  if (itemIds.length === 0) throw inputError('itemIds', 'required', 'name at least one item');
  return ctx.em.transactional(async (em) => {
    const issue = await loadIssue(em, ctx, issueId);
    checkVersion(issue, version, 'bulletin issue');
    issueWorkflow.check({ ...ctx, em }, issue, remove ? 'removeItems' : 'addItems');
    for (const [i, itemId] of itemIds.entries()) {
      const item = await em.findOne(OpinionItemSchema, { id: itemId });
      if (!item || item.district !== issue.district)
        throw appError(
          ErrorCode.NOT_FOUND,
          `itemIds.${i}: item ${itemId} is not an item of district ${issue.district}`,
          { field: `itemIds.${i}` },
        );
      if (remove) {
        if (item.issueId !== issueId)
          throw inputError(`itemIds.${i}`, 'in-issue', `item ${itemId} is not in this issue`);
        item.issueId = null;
      } else {
        if (item.status !== 'SELECTED')
          throw inputError(
            `itemIds.${i}`,
            'selected',
            `item ${itemId} is ${item.status}: only selected items go into an issue`,
          );
        if (item.issueId !== null && item.issueId !== issueId)
          throw inputError(
            `itemIds.${i}`,
            'one-issue',
            `item ${itemId} is already in issue ${item.issueId}`,
          );
        item.issueId = issueId;
      }
      touch(item);
    }
    touch(issue);
    return issue;
  });
}

/** Publishing an issue (编发) issues each item it carries. */
export async function publishIssue(
  ctx: RequestContext,
  issueId: number,
  version: number,
  publishedOn: string | null,
): Promise<BulletinIssue> {
  const day = publishedOn ? parseDate(publishedOn, 'publishedOn') : today();
  if (day > today()) throw inputError('publishedOn', 'past', 'must not be in the future');
  return ctx.em.transactional(async (em) => {
    const issue = await loadIssue(em, ctx, issueId);
    checkVersion(issue, version, 'bulletin issue');
    const items = await em.find(OpinionItemSchema, { issueId }, { orderBy: { id: 'asc' } });
    issueWorkflow.apply(
      { ...ctx, em },
      Object.assign(issue, { itemCount: items.length }),
      'publish',
    );
    issue.publishedOn = day;
    for (const item of items) {
      opinionWorkflow.apply({ ...ctx, em }, item, 'issue', `issue ${issue.year}-${issue.number}`);
      touch(item);
      await announceItemSubject(em, ctx.module, item);
    }
    return issue;
  });
}

/** 报送: staff report an issued item up (全国政协, 省政协, 市委, 市政府 …). */
export async function reportItem(
  ctx: RequestContext,
  id: number,
  version: number,
  recipients: string[],
  reportedOn: string | null,
): Promise<OpinionRecord> {
  const to = recipients.map((r, i) => requireText(r, `recipients.${i}`, 100));
  if (to.length === 0) throw inputError('recipients', 'required', 'name at least one recipient');
  const day = reportedOn ? parseDate(reportedOn, 'reportedOn') : today();
  return ctx.em.transactional(async (em) => {
    const item = await loadItem(em, ctx, id);
    checkVersion(item, version);
    opinionWorkflow.apply({ ...ctx, em }, item, 'report', to.join('、'));
    item.reportedTo = to;
    item.reportedOn = day;
    touch(item);
    return item;
  });
}

/** 采用: a level took up the item (once per level); its member authors' archives hear of it. */
export async function recordAdoption(
  ctx: RequestContext,
  id: number,
  version: number,
  level: AdoptionLevel,
  mode: AdoptionMode,
  adoptedOn: string,
  publication: string | null,
) {
  const day = parseDate(adoptedOn, 'adoptedOn');
  if (day > today()) throw inputError('adoptedOn', 'past', 'must not be in the future');
  return ctx.em.transactional(async (em) => {
    const item = await loadItem(em, ctx, id);
    checkVersion(item, version);
    if (await em.count(AdoptionSchema, { itemId: id, level }))
      throw appError(
        ErrorCode.CONFLICT,
        `level: item ${id} was already adopted at ${level} level`,
        { field: 'level' },
      );
    opinionWorkflow.apply({ ...ctx, em }, item, 'adopt', `${level} ${mode}`);
    em.create(AdoptionSchema, {
      itemId: id,
      district: item.district,
      level,
      mode,
      adoptedOn: day,
      publication: publication?.trim() || null,
    });
    touch(item);
    emit(
      em,
      ctx.module,
      opinionItemAdopted,
      {
        itemId: String(id),
        authorIds: item.authorIds!.map(String),
        title: item.title,
        level,
        adoptedOn: day,
      },
      item.district,
    );
    return item;
  });
}

/** 反馈: staff tell the author what became of the item. */
export async function feedBack(
  ctx: RequestContext,
  id: number,
  version: number,
  text: string,
): Promise<OpinionRecord> {
  const body = requireText(text, 'text', 5000);
  return ctx.em.transactional(async (em) => {
    const item = await loadItem(em, ctx, id);
    checkVersion(item, version);
    opinionWorkflow.apply({ ...ctx, em }, item, 'feedBack', body.slice(0, 200));
    item.feedback = body;
    item.fedBackOn = today();
    touch(item);
    return item;
  });
}
