// District staff: the queue of submitted proposals, the year's figures, filing one and assigning
// it to a handling unit.
//   CPPCC_TOKEN=<staff token> npx tsx clients/typescript/examples/back-office.ts [--file-first]
import {
  AssignProposalDocument,
  FileProposalDocument,
  HandlingUnitsDocument,
  ProposalFiguresDocument,
  ProposalQueueDocument,
  type Client,
} from '../src/index.js';
import { clientFromEnvironment, isMain } from './connect.js';

export async function backOffice(client: Client, district: string) {
  const { proposals } = await client.request(ProposalQueueDocument, {
    filter: { district, status: 'SUBMITTED' },
    first: 20,
  });
  const { proposalStatistics } = await client.request(ProposalFiguresDocument, {
    filter: { district },
  });
  return { queue: proposals.nodes, waiting: proposals.totalCount, figures: proposalStatistics };
}

/** Files a submitted proposal and sends it to one unit to handle alone. */
export async function fileAndAssign(
  client: Client,
  proposal: { id: string; version: number },
  district: string,
) {
  const filed = await client.request(FileProposalDocument, {
    id: proposal.id,
    version: proposal.version,
    note: '符合立案条件',
  });
  const { governmentUnits } = await client.request(HandlingUnitsDocument, { district, first: 5 });
  const unit = governmentUnits.nodes[0];
  if (!unit) throw new Error(`district ${district} has no active handling unit`);
  const { assignProposal } = await client.request(AssignProposalDocument, {
    id: filed.fileProposal.id,
    version: filed.fileProposal.version,
    input: { mode: 'SOLE', unitIds: [unit.id] },
  });
  return { proposal: assignProposal, unit };
}

if (isMain(import.meta.url)) {
  const client = clientFromEnvironment();
  const district = process.env.CPPCC_DISTRICT ?? '341000';
  const office = await backOffice(client, district);
  console.log(
    `${office.waiting} proposals wait to be filed; ${office.figures.submitted} submitted, ${office.figures.filed} filed this period`,
  );
  const first = office.queue[0];
  if (process.argv.includes('--file-first') && first)
    console.log('assigned', await fileAndAssign(client, first, district));
}
