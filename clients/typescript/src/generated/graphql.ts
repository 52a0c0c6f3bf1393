/* eslint-disable */
/** Internal type. DO NOT USE DIRECTLY. */
type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
/** Internal type. DO NOT USE DIRECTLY. */
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';
/** 协商活动状态 Where a consultation activity stands: PLANNED → PREPARING → HELD → OUTCOME_SUBMITTED → CLOSED, or CANCELLED before it is held. */
export type ActivityStatus =
  /** 已取消 Cancelled before it was held; no further steps. */
  | 'CANCELLED'
  /** 已结束 Closed; no further steps. */
  | 'CLOSED'
  /** 已举行 Held; staff may submit its outcome (minutes kept) or close it. */
  | 'HELD'
  /** 成果已报送 Its outcome was submitted; staff may close it. */
  | 'OUTCOME_SUBMITTED'
  /** 计划 On the calendar; staff may prepare or cancel it. */
  | 'PLANNED'
  /** 筹备中 Being prepared; staff may hold or cancel it. */
  | 'PREPARING';

/** What `assignProposal` takes. */
export type AssignProposalInput = {
  /** Day of the assignment meeting (交办会), YYYY-MM-DD; today if absent. Deadlines count from it. */
  assignedOn?: string | null | undefined;
  /** LEAD_WITH_CO only: the lead unit (主办). */
  leadUnitId?: string | number | null | undefined;
  /** 独办 (SOLE), 分办 (SEPARATE), 主办+会办 (LEAD_WITH_CO). */
  mode: HandlingMode;
  /** SOLE: the one unit; SEPARATE: every unit; LEAD_WITH_CO: the co-units. */
  unitIds: Array<string | number>;
};

/** 集体提案单位类别 Who submits a collective proposal. */
export type CollectiveKind =
  /** 民主党派 A democratic party. */
  | 'PARTY'
  /** 人民团体 A people's organization. */
  | 'PEOPLES_ORGANIZATION'
  /** 界别组 A sector group. */
  | 'SECTOR_GROUP'
  /** 专委会 A special committee. */
  | 'SPECIAL_COMMITTEE';

/** 协商形式 The form of a consultation activity. */
export type ConsultationForm =
  /** 咨询协商 Advisory consultation (e.g. an advisory meeting, 资政会). */
  | 'ADVISORY'
  /** 双周协商座谈 Biweekly consultation forum. */
  | 'BIWEEKLY_FORUM'
  /** 对口协商 Counterpart consultation with a government department. */
  | 'COUNTERPART'
  /** 专家协商 Consultation with experts. */
  | 'EXPERT'
  /** 全体会议协商 Consultation at a plenary session. */
  | 'PLENARY'
  /** 提案办理协商 Consultation on how proposals are handled. */
  | 'PROPOSAL_HANDLING'
  /** 界别协商 Sector-based consultation. */
  | 'SECTOR'
  /** 常委会议协商 Consultation at a standing-committee meeting. */
  | 'STANDING_COMMITTEE'
  /** 专题协商 Thematic consultation on one topic. */
  | 'THEMATIC';

/** 联名状态 Where a co-signing invitation stands. */
export type CosignerStatus =
  /** 已同意 Accepted: co-signs the proposal. */
  | 'ACCEPTED'
  /** 已拒绝 Declined; may be invited again. */
  | 'DECLINED'
  /** 已邀请 Invited; the member accepts or declines, the author may revoke. */
  | 'INVITED'
  /** 已撤销 Revoked by the author; may be invited again. */
  | 'REVOKED';

/** 行政层级 The level of a district's committee. */
export type DistrictLevel =
  /** 市 A city committee. */
  | 'CITY'
  /** 县 A county committee. */
  | 'COUNTY'
  /** 区 A district committee. */
  | 'DISTRICT';

/** 独办 (SOLE), 分办 (SEPARATE), 主办+会办 (LEAD_WITH_CO). */
export type HandlingMode =
  /** 主办+会办 A lead unit answers, co-handling units send it opinions. */
  | 'LEAD_WITH_CO'
  /** 分办 Several units, each answering. */
  | 'SEPARATE'
  /** 独办 One unit handles it alone. */
  | 'SOLE';

/** 筛选 Narrows `handlingTasks`: a record must match every field given; a field left out does not narrow. */
export type HandlingTaskFilter = {
  /** Only records of this district (its code). */
  district?: string | number | null | undefined;
  /** Only overdue tasks (true) or only others (false). */
  overdue?: boolean | null | undefined;
  /** Only records in this state. */
  status?: HandlingTaskStatus | null | undefined;
  /** Defaults to the caller's own unit for unit users. */
  unit?: string | number | null | undefined;
};

/** 独办 SOLE, 分办 SEPARATE, 主办 LEAD, 会办 CO. */
export type HandlingTaskRole =
  /** 会办 A co-handling unit, which sends the lead its opinions. */
  | 'CO'
  /** 主办 The lead unit, which answers. */
  | 'LEAD'
  /** 分办 One of several units, each answering. */
  | 'SEPARATE'
  /** 独办 Handles the proposal alone. */
  | 'SOLE';

/** 办理状态 Where a unit's handling task for a proposal stands. */
export type HandlingTaskStatus =
  /** 已办结 The reply passed review; staff may reopen it. */
  | 'ACCEPTED'
  /** 已送会办意见 A co-handling unit sent its opinion to the lead. */
  | 'OPINION_SENT'
  /** 待签收 Waiting for the unit to receive it or ask to return it. */
  | 'PENDING_RECEIPT'
  /** 已签收 Received; the unit replies (a co-handling unit sends its opinion). */
  | 'RECEIVED'
  /** 已答复 Replied; the supervising office passes the reply or sends it back. */
  | 'REPLIED'
  /** 已退回 Returned: the unit does not handle it. */
  | 'RETURNED'
  /** 申请退回 The unit asked to return it; staff approve or refuse. */
  | 'RETURN_REQUESTED';

/** 插件开关 Whether a plugin is on for a district. */
export type PluginSwitchState =
  /** 已停用 The plugin is off for the district. */
  | 'DISABLED'
  /** 已启用 The plugin is on for the district. */
  | 'ENABLED';

/** 附件 A document to attach to a proposal: its name and link. */
export type ProposalAttachmentInput = {
  /** The document's name: trimmed, 1 to 200 characters. */
  name: string;
  /** Its link: an http(s) URL. */
  url: string;
};

/** 提案类别 The category a proposal or an opinion item (社情民意) is filed under; the Chinese name is the one on paper. */
export type ProposalCategory =
  /** 农业农村 Agriculture and rural areas. */
  | 'AGRICULTURE_RURAL'
  /** 文化旅游 Culture and tourism. */
  | 'CULTURE_TOURISM'
  /** 生态环境 Ecology and the environment. */
  | 'ECOLOGY_ENVIRONMENT'
  /** 经济建设 Economic development. */
  | 'ECONOMY'
  /** 其他 Anything else. */
  | 'OTHER'
  /** 社会事业 Social affairs: education, health, employment, welfare. */
  | 'SOCIAL_AFFAIRS'
  /** 城市管理 Urban management. */
  | 'URBAN_MANAGEMENT';

/** 筛选 Narrows `proposals`: a record must match every field given; a field left out does not narrow. */
export type ProposalFilter = {
  /** Only proposals this member leads. */
  author?: string | number | null | undefined;
  /** Only proposals of this category. */
  category?: ProposalCategory | null | undefined;
  /** Only proposals of this district. */
  district?: string | number | null | undefined;
  /** Only key proposals (重点提案), or only others. */
  key?: boolean | null | undefined;
  /** Only individual, joint or collective proposals. */
  kind?: ProposalKind | null | undefined;
  /** Only proposals with a unit past its deadline. */
  overdue?: boolean | null | undefined;
  /** Only proposals of this session (次会议). */
  session?: number | null | undefined;
  /** Only proposals in this state. */
  status?: ProposalStatus | null | undefined;
  /** Only proposals of this term (届). */
  term?: number | null | undefined;
  /** Only proposals this government unit handles. */
  unit?: string | number | null | undefined;
  /** Only plenary or inter-session proposals. */
  window?: ProposalWindow | null | undefined;
  /** Only proposals of this year. */
  year?: number | null | undefined;
};

/** 个人 / 联名 / 集体 proposal. */
export type ProposalKind =
  /** 集体提案 By a party, people's organization, special committee or sector group. */
  | 'COLLECTIVE'
  /** 个人提案 By one member. */
  | 'INDIVIDUAL'
  /** 联名提案 By a member with co-signers. */
  | 'JOINT';

/** What `replyToProposal` takes. */
export type ProposalReplyInput = {
  /** Contact person and phone. */
  contact: string;
  /** Required: a reply without a grade is refused naming this field. */
  grade?: ReplyGrade | null | undefined;
  /** 文号 */
  referenceNumber: string;
  /** The leader who signs it. */
  signingLeader: string;
  /** The reply's text. */
  text: string;
};

/** Every field narrows; without any, all rows the caller may see. */
export type ProposalStatisticsFilter = {
  /** Only records of this district (its code). */
  district?: string | number | null | undefined;
  /** First day of the period (YYYY-MM-DD), inclusive. */
  from?: string | null | undefined;
  /** With district: also the districts below it that the caller works for (a city with its districts). */
  includeBelow?: boolean | null | undefined;
  /** Only what this member wrote (lead, co-signed or co-authored). */
  member?: string | number | null | undefined;
  /** Only what members of this sector (界别) wrote. */
  sector?: string | number | null | undefined;
  /** Last day of the period (YYYY-MM-DD), inclusive. */
  to?: string | null | undefined;
  /** Only what this government unit handles. */
  unit?: string | number | null | undefined;
};

/** 提案状态 Where a proposal stands; each step is a row of the proposal workflow (`availableActions` lists the ones the caller may take). */
export type ProposalStatus =
  /** 已交办 Assigned; waits for every unit's reply. */
  | 'ASSIGNED'
  /** 已办结 Closed. */
  | 'CLOSED'
  /** 拟转 Conversion proposed; waits for the author's consent. */
  | 'CONVERSION_PROPOSED'
  /** 已转 Converted into a suggestion or an opinion item. */
  | 'CONVERTED'
  /** 草稿 Being written; the author submits or withdraws it. */
  | 'DRAFT'
  /** 立案 Filed; staff assign it to units. */
  | 'FILED'
  /** 已并案 Merged into another proposal. */
  | 'MERGED'
  /** 不予立案 Not filed; staff may propose converting it. */
  | 'NOT_FILED'
  /** 已评价 The author is satisfied; staff close it or reopen it. */
  | 'RATED'
  /** 已答复 Every unit replied; the author rates the replies. */
  | 'REPLIED'
  /** 退回修改 Returned for revision; the author submits it again or withdraws it. */
  | 'RETURNED'
  /** 已提交 Submitted; staff file it, refuse it, return it for revision, propose conversion or merge it. */
  | 'SUBMITTED'
  /** 不满意 The author is not satisfied; staff reopen it or close it. */
  | 'UNSATISFIED'
  /** 已撤回 Withdrawn by the author. */
  | 'WITHDRAWN';

/** 大会提案 (PLENARY) or 平时提案 (INTER_SESSION). */
export type ProposalWindow =
  /** 平时提案 Submitted between sessions. */
  | 'INTER_SESSION'
  /** 大会提案 Submitted for the plenary session. */
  | 'PLENARY';

/** Result grade of a reply; each district words them (replyGradeWordings). */
export type ReplyGrade =
  /** A 所提问题已经解决或基本解决、建议已采纳 Solved or adopted (default wording). */
  | 'A'
  /** B 所提问题正在解决或已列入计划逐步解决 Being solved or planned (default wording). */
  | 'B'
  /** C 因条件限制需以后解决 Deferred by conditions (default wording). */
  | 'C'
  /** D 留作参考 Kept for reference (default wording). */
  | 'D';

/** What `submitProposal` takes. */
export type SubmitProposalInput = {
  /** 分析 The analysis: 1 to 5,000 characters. */
  analysis: string;
  /** Documents attached: each a name and an http(s) link. */
  attachments?: Array<ProposalAttachmentInput> | null | undefined;
  /** 类别 The category it is filed under. */
  category: ProposalCategory;
  /** For a collective proposal: the kind of body filing it. */
  collectiveKind?: CollectiveKind | null | undefined;
  /** For a collective proposal: the body filing it, at most 100 characters. */
  collectiveName?: string | null | undefined;
  /** INDIVIDUAL by default; JOINT proposals are drafted first. */
  kind?: ProposalKind | null | undefined;
  /** 次 The session of the term: 1 to 9. */
  session?: number | null | undefined;
  /** 情况 The situation: 1 to 5,000 characters. */
  situation: string;
  /** 建议 What it proposes: 1 to 5,000 characters. */
  suggestions: string;
  /** 届 The term it is filed in: 1 to 99. */
  term?: number | null | undefined;
  /** The title: trimmed, 5 to 200 characters. */
  title: string;
  /** The window it is filed in (at a session or between sessions). */
  window?: ProposalWindow | null | undefined;
};

export type ProposalQueueQueryVariables = Exact<{
  filter?: ProposalFilter | null | undefined;
  first?: number | null | undefined;
  after?: string | null | undefined;
}>;


export type ProposalQueueQuery = { proposals: { totalCount: number, nodes: Array<{ id: string, title: string, category: ProposalCategory, status: ProposalStatus, version: number, submittedAt: string, availableActions: Array<string>, author: { id: string, name: string } | null }>, pageInfo: { hasNextPage: boolean, endCursor: string | null } } };

export type ProposalFiguresQueryVariables = Exact<{
  filter?: ProposalStatisticsFilter | null | undefined;
}>;


export type ProposalFiguresQuery = { proposalStatistics: { submitted: number, filed: number, replied: number, replyRate: number | null, satisfactionRate: number | null } };

export type FileProposalMutationVariables = Exact<{
  id: string | number;
  version: number;
  note?: string | null | undefined;
}>;


export type FileProposalMutation = { fileProposal: { id: string, status: ProposalStatus, version: number, caseNumber: string | null } };

export type AssignProposalMutationVariables = Exact<{
  id: string | number;
  version: number;
  input: AssignProposalInput;
}>;


export type AssignProposalMutation = { assignProposal: { id: string, status: ProposalStatus, version: number, tasks: Array<{ id: string, role: HandlingTaskRole, status: HandlingTaskStatus, unit: { id: string, name: string } | null }> } };

export type HandlingUnitsQueryVariables = Exact<{
  district?: string | number | null | undefined;
  first?: number | null | undefined;
}>;


export type HandlingUnitsQuery = { governmentUnits: { nodes: Array<{ id: string, name: string }> } };

export type PluginConsoleQueryVariables = Exact<{
  code: string | number;
}>;


export type PluginConsoleQuery = { installedPlugins: Array<{ id: string, title: string, titleEn: string }>, district: { code: string, plugins: Array<{ enabled: boolean, state: PluginSwitchState, version: number, plugin: { id: string } }> | null } | null };

export type EnablePluginMutationVariables = Exact<{
  district: string | number;
  plugin: string | number;
  note?: string | null | undefined;
}>;


export type EnablePluginMutation = { enablePlugin: { enabled: boolean, version: number, plugin: { id: string } } };

export type DisablePluginMutationVariables = Exact<{
  district: string | number;
  plugin: string | number;
  note?: string | null | undefined;
}>;


export type DisablePluginMutation = { disablePlugin: { enabled: boolean, version: number } };

export type MyProposalsQueryVariables = Exact<{
  first?: number | null | undefined;
  after?: string | null | undefined;
}>;


export type MyProposalsQuery = { me: { id: string, name: string, proposals: { totalCount: number, nodes: Array<{ id: string, title: string, status: ProposalStatus, version: number, availableActions: Array<string> }>, pageInfo: { hasNextPage: boolean, endCursor: string | null } } | null } | null };

export type MyInvitationsQueryVariables = Exact<{
  first?: number | null | undefined;
  after?: string | null | undefined;
}>;


export type MyInvitationsQuery = { me: { id: string, cosignInvitationsConnection: { totalCount: number, nodes: Array<{ id: string, status: CosignerStatus, respondBy: string, availableActions: Array<string>, proposal: { id: string, title: string } | null }>, pageInfo: { hasNextPage: boolean, endCursor: string | null } } | null } | null };

export type MyArchiveQueryVariables = Exact<{ [key: string]: never; }>;


export type MyArchiveQuery = { me: { id: string, archive: { counts: Array<{ kind: string, count: number }>, events: { totalCount: number, nodes: Array<{ kind: string, summary: string, occurredAt: string }> } } } | null };

export type SubmitProposalMutationVariables = Exact<{
  input: SubmitProposalInput;
}>;


export type SubmitProposalMutation = { submitProposal: { id: string, title: string, status: ProposalStatus, version: number } };

export type AcceptCosignInvitationMutationVariables = Exact<{
  id: string | number;
}>;


export type AcceptCosignInvitationMutation = { acceptCosignInvitation: { id: string, status: CosignerStatus } };

export type DistrictPageQueryVariables = Exact<{
  code: string | number;
}>;


export type DistrictPageQuery = { district: { code: string, name: string, level: DistrictLevel, specialCommittees: Array<{ name: string }> } | null };

export type ActivityCalendarQueryVariables = Exact<{
  district?: string | number | null | undefined;
  heldFrom?: string | null | undefined;
  heldTo?: string | null | undefined;
  first?: number | null | undefined;
  after?: string | null | undefined;
}>;


export type ActivityCalendarQuery = { consultationActivities: { nodes: Array<{ id: string, title: string, form: ConsultationForm, status: ActivityStatus }>, pageInfo: { hasNextPage: boolean, endCursor: string | null } } };

export type MyTasksQueryVariables = Exact<{
  filter?: HandlingTaskFilter | null | undefined;
  first?: number | null | undefined;
  after?: string | null | undefined;
}>;


export type MyTasksQuery = { handlingTasks: { totalCount: number, nodes: Array<{ id: string, role: HandlingTaskRole, status: HandlingTaskStatus, version: number, dueOn: string, overdue: boolean, availableActions: Array<string>, proposal: { id: string, title: string, version: number } | null }> } };

export type ReceiveHandlingTaskMutationVariables = Exact<{
  id: string | number;
  version: number;
}>;


export type ReceiveHandlingTaskMutation = { receiveHandlingTask: { id: string, status: HandlingTaskStatus, version: number, availableActions: Array<string> } };

export type ReplyToProposalMutationVariables = Exact<{
  id: string | number;
  version: number;
  input: ProposalReplyInput;
}>;


export type ReplyToProposalMutation = { replyToProposal: { id: string, status: HandlingTaskStatus } };


export const ProposalQueueDocument = {"__meta__":{"hash":"sha256:a598d1c79225b6e9c449b33ab81c91fd18d36d32ee262677050c307966e22ded"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"ProposalQueue"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"filter"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"ProposalFilter"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"after"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"proposals"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"filter"},"value":{"kind":"Variable","name":{"kind":"Name","value":"filter"}}},{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}},{"kind":"Argument","name":{"kind":"Name","value":"after"},"value":{"kind":"Variable","name":{"kind":"Name","value":"after"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}},{"kind":"Field","name":{"kind":"Name","value":"nodes"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"title"}},{"kind":"Field","name":{"kind":"Name","value":"category"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"version"}},{"kind":"Field","name":{"kind":"Name","value":"submittedAt"}},{"kind":"Field","name":{"kind":"Name","value":"author"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"availableActions"}}]}},{"kind":"Field","name":{"kind":"Name","value":"pageInfo"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"hasNextPage"}},{"kind":"Field","name":{"kind":"Name","value":"endCursor"}}]}}]}}]}}]} as unknown as DocumentNode<ProposalQueueQuery, ProposalQueueQueryVariables>;
export const ProposalFiguresDocument = {"__meta__":{"hash":"sha256:5ed6e3cd3b0a6584822aa12064dc90c941fff7481b5fc9a8bd8806ec434b9bed"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"ProposalFigures"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"filter"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"ProposalStatisticsFilter"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"proposalStatistics"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"filter"},"value":{"kind":"Variable","name":{"kind":"Name","value":"filter"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"submitted"}},{"kind":"Field","name":{"kind":"Name","value":"filed"}},{"kind":"Field","name":{"kind":"Name","value":"replied"}},{"kind":"Field","name":{"kind":"Name","value":"replyRate"}},{"kind":"Field","name":{"kind":"Name","value":"satisfactionRate"}}]}}]}}]} as unknown as DocumentNode<ProposalFiguresQuery, ProposalFiguresQueryVariables>;
export const FileProposalDocument = {"__meta__":{"hash":"sha256:97fb191b54cf34b6c74df929f5ac5c563df83ec2c761424106a27f465ad90d02"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"FileProposal"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"version"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"note"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"fileProposal"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}},{"kind":"Argument","name":{"kind":"Name","value":"version"},"value":{"kind":"Variable","name":{"kind":"Name","value":"version"}}},{"kind":"Argument","name":{"kind":"Name","value":"note"},"value":{"kind":"Variable","name":{"kind":"Name","value":"note"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"version"}},{"kind":"Field","name":{"kind":"Name","value":"caseNumber"}}]}}]}}]} as unknown as DocumentNode<FileProposalMutation, FileProposalMutationVariables>;
export const AssignProposalDocument = {"__meta__":{"hash":"sha256:76106773b014bfb4dd0f1cda29a191e2fc5238d0fd792c378f9a8b7cea4f3e5c"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"AssignProposal"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"version"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"AssignProposalInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"assignProposal"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}},{"kind":"Argument","name":{"kind":"Name","value":"version"},"value":{"kind":"Variable","name":{"kind":"Name","value":"version"}}},{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"version"}},{"kind":"Field","name":{"kind":"Name","value":"tasks"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"role"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"unit"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}}]}}]}}]} as unknown as DocumentNode<AssignProposalMutation, AssignProposalMutationVariables>;
export const HandlingUnitsDocument = {"__meta__":{"hash":"sha256:dffc63ac50324fcf7e2ad558ce58bb95dd06af0c22910ef336a63773bcb10ceb"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"HandlingUnits"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"district"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"governmentUnits"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"district"},"value":{"kind":"Variable","name":{"kind":"Name","value":"district"}}},{"kind":"Argument","name":{"kind":"Name","value":"active"},"value":{"kind":"BooleanValue","value":true}},{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"nodes"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}}]}}]} as unknown as DocumentNode<HandlingUnitsQuery, HandlingUnitsQueryVariables>;
export const PluginConsoleDocument = {"__meta__":{"hash":"sha256:7f803785680b4e296de2d8987fdc106f5866c07f05f4729276e8bf0cda912e2d"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"PluginConsole"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"code"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"installedPlugins"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"title"}},{"kind":"Field","name":{"kind":"Name","value":"titleEn"}}]}},{"kind":"Field","name":{"kind":"Name","value":"district"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"code"},"value":{"kind":"Variable","name":{"kind":"Name","value":"code"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"plugins"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"plugin"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}},{"kind":"Field","name":{"kind":"Name","value":"enabled"}},{"kind":"Field","name":{"kind":"Name","value":"state"}},{"kind":"Field","name":{"kind":"Name","value":"version"}}]}}]}}]}}]} as unknown as DocumentNode<PluginConsoleQuery, PluginConsoleQueryVariables>;
export const EnablePluginDocument = {"__meta__":{"hash":"sha256:7faae71759aaeddafada4855751cd71e0b484c093806de8c8b387fb55712a293"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"EnablePlugin"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"district"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"plugin"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"note"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"enablePlugin"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"district"},"value":{"kind":"Variable","name":{"kind":"Name","value":"district"}}},{"kind":"Argument","name":{"kind":"Name","value":"plugin"},"value":{"kind":"Variable","name":{"kind":"Name","value":"plugin"}}},{"kind":"Argument","name":{"kind":"Name","value":"note"},"value":{"kind":"Variable","name":{"kind":"Name","value":"note"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"enabled"}},{"kind":"Field","name":{"kind":"Name","value":"version"}},{"kind":"Field","name":{"kind":"Name","value":"plugin"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}}]}}]}}]} as unknown as DocumentNode<EnablePluginMutation, EnablePluginMutationVariables>;
export const DisablePluginDocument = {"__meta__":{"hash":"sha256:4dd57bee85fb52d1aca7b9ca302ffe03c7d9083489cd7ee2bfd7ec3be77e49d8"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"DisablePlugin"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"district"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"plugin"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"note"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"disablePlugin"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"district"},"value":{"kind":"Variable","name":{"kind":"Name","value":"district"}}},{"kind":"Argument","name":{"kind":"Name","value":"plugin"},"value":{"kind":"Variable","name":{"kind":"Name","value":"plugin"}}},{"kind":"Argument","name":{"kind":"Name","value":"note"},"value":{"kind":"Variable","name":{"kind":"Name","value":"note"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"enabled"}},{"kind":"Field","name":{"kind":"Name","value":"version"}}]}}]}}]} as unknown as DocumentNode<DisablePluginMutation, DisablePluginMutationVariables>;
export const MyProposalsDocument = {"__meta__":{"hash":"sha256:84548aa8b6f0076b91f49ac8d0d65c730230b4c19e008edcada9be856da70481"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"MyProposals"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"after"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"me"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"proposals"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}},{"kind":"Argument","name":{"kind":"Name","value":"after"},"value":{"kind":"Variable","name":{"kind":"Name","value":"after"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}},{"kind":"Field","name":{"kind":"Name","value":"nodes"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"title"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"version"}},{"kind":"Field","name":{"kind":"Name","value":"availableActions"}}]}},{"kind":"Field","name":{"kind":"Name","value":"pageInfo"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"hasNextPage"}},{"kind":"Field","name":{"kind":"Name","value":"endCursor"}}]}}]}}]}}]}}]} as unknown as DocumentNode<MyProposalsQuery, MyProposalsQueryVariables>;
export const MyInvitationsDocument = {"__meta__":{"hash":"sha256:83823fcbf094a58b93897188b48ea7f32e210031a3376186622ece03810a808f"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"MyInvitations"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"after"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"me"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"cosignInvitationsConnection"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}},{"kind":"Argument","name":{"kind":"Name","value":"after"},"value":{"kind":"Variable","name":{"kind":"Name","value":"after"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}},{"kind":"Field","name":{"kind":"Name","value":"nodes"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"respondBy"}},{"kind":"Field","name":{"kind":"Name","value":"proposal"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"title"}}]}},{"kind":"Field","name":{"kind":"Name","value":"availableActions"}}]}},{"kind":"Field","name":{"kind":"Name","value":"pageInfo"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"hasNextPage"}},{"kind":"Field","name":{"kind":"Name","value":"endCursor"}}]}}]}}]}}]}}]} as unknown as DocumentNode<MyInvitationsQuery, MyInvitationsQueryVariables>;
export const MyArchiveDocument = {"__meta__":{"hash":"sha256:48e4c32e8e09f138de8fc01526e4a84ebd6b3ca2286aa30e381967a02c52d9dd"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"MyArchive"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"me"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"archive"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"counts"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"count"}}]}},{"kind":"Field","name":{"kind":"Name","value":"events"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"20"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}},{"kind":"Field","name":{"kind":"Name","value":"nodes"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"summary"}},{"kind":"Field","name":{"kind":"Name","value":"occurredAt"}}]}}]}}]}}]}}]}}]} as unknown as DocumentNode<MyArchiveQuery, MyArchiveQueryVariables>;
export const SubmitProposalDocument = {"__meta__":{"hash":"sha256:92c82662c97c352792d97cb46373360386de567f714f7a5e5a438ea5efb3c779"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"SubmitProposal"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"SubmitProposalInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"submitProposal"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"title"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"version"}}]}}]}}]} as unknown as DocumentNode<SubmitProposalMutation, SubmitProposalMutationVariables>;
export const AcceptCosignInvitationDocument = {"__meta__":{"hash":"sha256:915aee10e19c0183060c0e4e024ca6d2e4f999b22e556c3e8bb2ccc92c320cf9"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"AcceptCosignInvitation"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"acceptCosignInvitation"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"status"}}]}}]}}]} as unknown as DocumentNode<AcceptCosignInvitationMutation, AcceptCosignInvitationMutationVariables>;
export const DistrictPageDocument = {"__meta__":{"hash":"sha256:6db57cd40f57f3c11272df9e3d3ebe348b2b7f8b4f4f6515d4814572bda24a1c"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"DistrictPage"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"code"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"district"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"code"},"value":{"kind":"Variable","name":{"kind":"Name","value":"code"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"level"}},{"kind":"Field","name":{"kind":"Name","value":"specialCommittees"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}}]}}]} as unknown as DocumentNode<DistrictPageQuery, DistrictPageQueryVariables>;
export const ActivityCalendarDocument = {"__meta__":{"hash":"sha256:fd63fe0fdffb5e41d82b081231e71e34ddd20c8b3b6719c073de3784eb300257"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"ActivityCalendar"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"district"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"heldFrom"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Date"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"heldTo"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Date"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"after"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"consultationActivities"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"filter"},"value":{"kind":"ObjectValue","fields":[{"kind":"ObjectField","name":{"kind":"Name","value":"district"},"value":{"kind":"Variable","name":{"kind":"Name","value":"district"}}},{"kind":"ObjectField","name":{"kind":"Name","value":"heldFrom"},"value":{"kind":"Variable","name":{"kind":"Name","value":"heldFrom"}}},{"kind":"ObjectField","name":{"kind":"Name","value":"heldTo"},"value":{"kind":"Variable","name":{"kind":"Name","value":"heldTo"}}}]}},{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}},{"kind":"Argument","name":{"kind":"Name","value":"after"},"value":{"kind":"Variable","name":{"kind":"Name","value":"after"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"nodes"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"title"}},{"kind":"Field","name":{"kind":"Name","value":"form"}},{"kind":"Field","name":{"kind":"Name","value":"status"}}]}},{"kind":"Field","name":{"kind":"Name","value":"pageInfo"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"hasNextPage"}},{"kind":"Field","name":{"kind":"Name","value":"endCursor"}}]}}]}}]}}]} as unknown as DocumentNode<ActivityCalendarQuery, ActivityCalendarQueryVariables>;
export const MyTasksDocument = {"__meta__":{"hash":"sha256:b8c495b48511c96ea9c652f7b0aa5fe9eaacd8a5dfef1d067f53da74e41c79cf"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"MyTasks"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"filter"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"HandlingTaskFilter"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"after"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"handlingTasks"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"filter"},"value":{"kind":"Variable","name":{"kind":"Name","value":"filter"}}},{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}},{"kind":"Argument","name":{"kind":"Name","value":"after"},"value":{"kind":"Variable","name":{"kind":"Name","value":"after"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}},{"kind":"Field","name":{"kind":"Name","value":"nodes"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"role"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"version"}},{"kind":"Field","name":{"kind":"Name","value":"dueOn"}},{"kind":"Field","name":{"kind":"Name","value":"overdue"}},{"kind":"Field","name":{"kind":"Name","value":"availableActions"}},{"kind":"Field","name":{"kind":"Name","value":"proposal"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"title"}},{"kind":"Field","name":{"kind":"Name","value":"version"}}]}}]}}]}}]}}]} as unknown as DocumentNode<MyTasksQuery, MyTasksQueryVariables>;
export const ReceiveHandlingTaskDocument = {"__meta__":{"hash":"sha256:28847db7c9b4ea935dba748b47824b1c768f38c71f1b033fa100918e1183f6a2"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"ReceiveHandlingTask"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"version"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"receiveHandlingTask"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}},{"kind":"Argument","name":{"kind":"Name","value":"version"},"value":{"kind":"Variable","name":{"kind":"Name","value":"version"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"version"}},{"kind":"Field","name":{"kind":"Name","value":"availableActions"}}]}}]}}]} as unknown as DocumentNode<ReceiveHandlingTaskMutation, ReceiveHandlingTaskMutationVariables>;
export const ReplyToProposalDocument = {"__meta__":{"hash":"sha256:214fb3abc9c38898732b776d7f4257c847cd2d046f151686bea887d92461d27c"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"ReplyToProposal"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"version"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ProposalReplyInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"replyToProposal"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}},{"kind":"Argument","name":{"kind":"Name","value":"version"},"value":{"kind":"Variable","name":{"kind":"Name","value":"version"}}},{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"status"}}]}}]}}]} as unknown as DocumentNode<ReplyToProposalMutation, ReplyToProposalMutationVariables>;