// A member: submit a proposal, then see my proposals, invitations and duty archive.
//   CPPCC_TOKEN=<member token> npx tsx clients/typescript/examples/member-app.ts
import {
  MyArchiveDocument,
  MyInvitationsDocument,
  MyProposalsDocument,
  SubmitProposalDocument,
  type Client,
} from '../src/index.js';
import { clientFromEnvironment, isMain } from './connect.js';

export async function submitProposal(client: Client, title: string) {
  const { submitProposal } = await client.request(SubmitProposalDocument, {
    input: {
      title,
      category: 'AGRICULTURE_RURAL',
      situation: '黄山市新安江流域茶产业品牌分散，缺少统一的公共品牌与质量追溯。',
      analysis: '各区县各自推广，标准不一，市场认可度不高，茶农增收受限。',
      suggestions: '建议由市农业农村局牵头，建立统一公共品牌和全程质量追溯体系。',
    },
  });
  return submitProposal;
}

export async function memberHome(client: Client) {
  const proposals = await client.request(MyProposalsDocument, { first: 10 });
  const invitations = await client.request(MyInvitationsDocument, { first: 20 });
  const archive = await client.request(MyArchiveDocument);
  return {
    me: proposals.me,
    invitations: invitations.me?.cosignInvitationsConnection?.nodes ?? [],
    archive: archive.me?.archive,
  };
}

if (isMain(import.meta.url)) {
  const client = clientFromEnvironment();
  if (process.argv.includes('--submit'))
    console.log('submitted', await submitProposal(client, '关于打造黄山茶统一公共品牌的建议'));
  const home = await memberHome(client);
  console.log(
    `${home.me?.name}: ${home.me?.proposals?.totalCount} proposals, ${home.invitations.length} invitations, archive ${home.archive?.events.totalCount} events`,
  );
}
