/* eslint-disable */
/** Internal type. DO NOT USE DIRECTLY. */
type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
/** Internal type. DO NOT USE DIRECTLY. */
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';
export type ActivityStatus =
  | 'CANCELLED'
  | 'CLOSED'
  | 'HELD'
  | 'OUTCOME_SUBMITTED'
  | 'PLANNED'
  | 'PREPARING';

export type AssignProposalInput = {
  /** Day of the assignment meeting (交办会), YYYY-MM-DD; today if absent. Deadlines count from it. */
  assignedOn?: string | null | undefined;
  /** LEAD_WITH_CO only: the lead unit (主办). */
  leadUnitId?: string | number | null | undefined;
  mode: HandlingMode;
  /** SOLE: the one unit; SEPARATE: every unit; LEAD_WITH_CO: the co-units. */
  unitIds: Array<string | number>;
};

export type CollectiveKind =
  | 'PARTY'
  | 'PEOPLES_ORGANIZATION'
  | 'SECTOR_GROUP'
  | 'SPECIAL_COMMITTEE';

export type ConsultationForm =
  | 'ADVISORY'
  | 'BIWEEKLY_FORUM'
  | 'COUNTERPART'
  | 'EXPERT'
  | 'PLENARY'
  | 'PROPOSAL_HANDLING'
  | 'SECTOR'
  | 'STANDING_COMMITTEE'
  | 'THEMATIC';

export type CosignerStatus =
  | 'ACCEPTED'
  | 'DECLINED'
  | 'INVITED'
  | 'REVOKED';

export type DistrictLevel =
  | 'CITY'
  | 'COUNTY'
  | 'DISTRICT';

/** 独办 (SOLE), 分办 (SEPARATE), 主办+会办 (LEAD_WITH_CO). */
export type HandlingMode =
  | 'LEAD_WITH_CO'
  | 'SEPARATE'
  | 'SOLE';

export type HandlingTaskFilter = {
  district?: string | number | null | undefined;
  overdue?: boolean | null | undefined;
  status?: HandlingTaskStatus | null | undefined;
  /** Defaults to the caller's own unit for unit users. */
  unit?: string | number | null | undefined;
};

/** 独办 SOLE, 分办 SEPARATE, 主办 LEAD, 会办 CO. */
export type HandlingTaskRole =
  | 'CO'
  | 'LEAD'
  | 'SEPARATE'
  | 'SOLE';

export type HandlingTaskStatus =
  | 'ACCEPTED'
  | 'OPINION_SENT'
  | 'PENDING_RECEIPT'
  | 'RECEIVED'
  | 'REPLIED'
  | 'RETURNED'
  | 'RETURN_REQUESTED';

export type PluginSwitchState =
  | 'DISABLED'
  | 'ENABLED';

export type ProposalAttachmentInput = {
  name: string;
  url: string;
};

export type ProposalFilter = {
  author?: string | number | null | undefined;
  category?: string | null | undefined;
  district?: string | number | null | undefined;
  /** Only key proposals (重点提案), or only others. */
  key?: boolean | null | undefined;
  kind?: ProposalKind | null | undefined;
  /** Only proposals with a unit past its deadline. */
  overdue?: boolean | null | undefined;
  session?: number | null | undefined;
  status?: ProposalStatus | null | undefined;
  term?: number | null | undefined;
  /** Only proposals this government unit handles. */
  unit?: string | number | null | undefined;
  window?: ProposalWindow | null | undefined;
  year?: number | null | undefined;
};

/** 个人 / 联名 / 集体 proposal. */
export type ProposalKind =
  | 'COLLECTIVE'
  | 'INDIVIDUAL'
  | 'JOINT';

export type ProposalReplyInput = {
  /** Contact person and phone. */
  contact: string;
  /** Required: a reply without a grade is refused naming this field. */
  grade?: ReplyGrade | null | undefined;
  /** 文号 */
  referenceNumber: string;
  signingLeader: string;
  text: string;
};

/** Every field narrows; without any, all rows the caller may see. */
export type ProposalStatisticsFilter = {
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

export type ProposalStatus =
  | 'ASSIGNED'
  | 'CLOSED'
  | 'CONVERSION_PROPOSED'
  | 'CONVERTED'
  | 'DRAFT'
  | 'FILED'
  | 'MERGED'
  | 'NOT_FILED'
  | 'RATED'
  | 'REPLIED'
  | 'RETURNED'
  | 'SUBMITTED'
  | 'UNSATISFIED'
  | 'WITHDRAWN';

/** 大会提案 (PLENARY) or 平时提案 (INTER_SESSION). */
export type ProposalWindow =
  | 'INTER_SESSION'
  | 'PLENARY';

/** Result grade of a reply; each district words them (replyGradeWordings). */
export type ReplyGrade =
  | 'A'
  | 'B'
  | 'C'
  | 'D';

export type SubmitProposalInput = {
  analysis: string;
  attachments?: Array<ProposalAttachmentInput> | null | undefined;
  category: string;
  collectiveKind?: CollectiveKind | null | undefined;
  collectiveName?: string | null | undefined;
  /** INDIVIDUAL by default; JOINT proposals are drafted first. */
  kind?: ProposalKind | null | undefined;
  session?: number | null | undefined;
  situation: string;
  suggestions: string;
  term?: number | null | undefined;
  /** The title: trimmed, 5 to 200 characters. */
  title: string;
  window?: ProposalWindow | null | undefined;
};

export type ProposalQueueQueryVariables = Exact<{
  filter?: ProposalFilter | null | undefined;
  first?: number | null | undefined;
  after?: string | null | undefined;
}>;


export type ProposalQueueQuery = { proposals: { totalCount: number, nodes: Array<{ id: string, title: string, category: string, status: ProposalStatus, version: number, submittedAt: string, availableActions: Array<string>, author: { id: string, name: string } | null }>, pageInfo: { hasNextPage: boolean, endCursor: string | null } } };

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


export type PluginConsoleQuery = { installedPlugins: Array<{ id: string, title: string, titleEn: string }>, district: { code: string, plugins: Array<{ enabled: boolean, state: PluginSwitchState, version: number, plugin: { id: string } }> | null } };

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

export type MyInvitationsQueryVariables = Exact<{ [key: string]: never; }>;


export type MyInvitationsQuery = { me: { id: string, cosignInvitations: Array<{ id: string, status: CosignerStatus, respondBy: string, availableActions: Array<string>, proposal: { id: string, title: string } | null }> | null } | null };

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


export type DistrictPageQuery = { district: { code: string, name: string, level: DistrictLevel, specialCommittees: Array<{ name: string }> } };

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
export const MyInvitationsDocument = {"__meta__":{"hash":"sha256:d4a5cce1eeba0dfe4adfa72d216d797621b2b03f7a0c4c0ce88526b18569e7ae"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"MyInvitations"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"me"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"cosignInvitations"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"respondBy"}},{"kind":"Field","name":{"kind":"Name","value":"proposal"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"title"}}]}},{"kind":"Field","name":{"kind":"Name","value":"availableActions"}}]}}]}}]}}]} as unknown as DocumentNode<MyInvitationsQuery, MyInvitationsQueryVariables>;
export const MyArchiveDocument = {"__meta__":{"hash":"sha256:48e4c32e8e09f138de8fc01526e4a84ebd6b3ca2286aa30e381967a02c52d9dd"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"MyArchive"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"me"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"archive"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"counts"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"count"}}]}},{"kind":"Field","name":{"kind":"Name","value":"events"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"20"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}},{"kind":"Field","name":{"kind":"Name","value":"nodes"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"summary"}},{"kind":"Field","name":{"kind":"Name","value":"occurredAt"}}]}}]}}]}}]}}]}}]} as unknown as DocumentNode<MyArchiveQuery, MyArchiveQueryVariables>;
export const SubmitProposalDocument = {"__meta__":{"hash":"sha256:92c82662c97c352792d97cb46373360386de567f714f7a5e5a438ea5efb3c779"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"SubmitProposal"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"SubmitProposalInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"submitProposal"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"title"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"version"}}]}}]}}]} as unknown as DocumentNode<SubmitProposalMutation, SubmitProposalMutationVariables>;
export const AcceptCosignInvitationDocument = {"__meta__":{"hash":"sha256:915aee10e19c0183060c0e4e024ca6d2e4f999b22e556c3e8bb2ccc92c320cf9"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"AcceptCosignInvitation"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"acceptCosignInvitation"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"status"}}]}}]}}]} as unknown as DocumentNode<AcceptCosignInvitationMutation, AcceptCosignInvitationMutationVariables>;
export const DistrictPageDocument = {"__meta__":{"hash":"sha256:6db57cd40f57f3c11272df9e3d3ebe348b2b7f8b4f4f6515d4814572bda24a1c"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"DistrictPage"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"code"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"district"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"code"},"value":{"kind":"Variable","name":{"kind":"Name","value":"code"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"level"}},{"kind":"Field","name":{"kind":"Name","value":"specialCommittees"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}}]}}]} as unknown as DocumentNode<DistrictPageQuery, DistrictPageQueryVariables>;
export const ActivityCalendarDocument = {"__meta__":{"hash":"sha256:fd63fe0fdffb5e41d82b081231e71e34ddd20c8b3b6719c073de3784eb300257"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"ActivityCalendar"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"district"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"heldFrom"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Date"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"heldTo"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Date"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"after"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"consultationActivities"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"filter"},"value":{"kind":"ObjectValue","fields":[{"kind":"ObjectField","name":{"kind":"Name","value":"district"},"value":{"kind":"Variable","name":{"kind":"Name","value":"district"}}},{"kind":"ObjectField","name":{"kind":"Name","value":"heldFrom"},"value":{"kind":"Variable","name":{"kind":"Name","value":"heldFrom"}}},{"kind":"ObjectField","name":{"kind":"Name","value":"heldTo"},"value":{"kind":"Variable","name":{"kind":"Name","value":"heldTo"}}}]}},{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}},{"kind":"Argument","name":{"kind":"Name","value":"after"},"value":{"kind":"Variable","name":{"kind":"Name","value":"after"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"nodes"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"title"}},{"kind":"Field","name":{"kind":"Name","value":"form"}},{"kind":"Field","name":{"kind":"Name","value":"status"}}]}},{"kind":"Field","name":{"kind":"Name","value":"pageInfo"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"hasNextPage"}},{"kind":"Field","name":{"kind":"Name","value":"endCursor"}}]}}]}}]}}]} as unknown as DocumentNode<ActivityCalendarQuery, ActivityCalendarQueryVariables>;
export const MyTasksDocument = {"__meta__":{"hash":"sha256:b8c495b48511c96ea9c652f7b0aa5fe9eaacd8a5dfef1d067f53da74e41c79cf"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"MyTasks"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"filter"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"HandlingTaskFilter"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"after"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"handlingTasks"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"filter"},"value":{"kind":"Variable","name":{"kind":"Name","value":"filter"}}},{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}},{"kind":"Argument","name":{"kind":"Name","value":"after"},"value":{"kind":"Variable","name":{"kind":"Name","value":"after"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}},{"kind":"Field","name":{"kind":"Name","value":"nodes"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"role"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"version"}},{"kind":"Field","name":{"kind":"Name","value":"dueOn"}},{"kind":"Field","name":{"kind":"Name","value":"overdue"}},{"kind":"Field","name":{"kind":"Name","value":"availableActions"}},{"kind":"Field","name":{"kind":"Name","value":"proposal"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"title"}},{"kind":"Field","name":{"kind":"Name","value":"version"}}]}}]}}]}}]}}]} as unknown as DocumentNode<MyTasksQuery, MyTasksQueryVariables>;
export const ReceiveHandlingTaskDocument = {"__meta__":{"hash":"sha256:28847db7c9b4ea935dba748b47824b1c768f38c71f1b033fa100918e1183f6a2"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"ReceiveHandlingTask"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"version"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"receiveHandlingTask"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}},{"kind":"Argument","name":{"kind":"Name","value":"version"},"value":{"kind":"Variable","name":{"kind":"Name","value":"version"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"version"}},{"kind":"Field","name":{"kind":"Name","value":"availableActions"}}]}}]}}]} as unknown as DocumentNode<ReceiveHandlingTaskMutation, ReceiveHandlingTaskMutationVariables>;
export const ReplyToProposalDocument = {"__meta__":{"hash":"sha256:214fb3abc9c38898732b776d7f4257c847cd2d046f151686bea887d92461d27c"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"ReplyToProposal"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"version"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ProposalReplyInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"replyToProposal"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}},{"kind":"Argument","name":{"kind":"Name","value":"version"},"value":{"kind":"Variable","name":{"kind":"Name","value":"version"}}},{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"status"}}]}}]}}]} as unknown as DocumentNode<ReplyToProposalMutation, ReplyToProposalMutationVariables>;