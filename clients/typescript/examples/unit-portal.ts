// A handling unit: its tasks, receiving one and replying to it.
//   CPPCC_TOKEN=<unit token> npx tsx clients/typescript/examples/unit-portal.ts [--reply-first]
import {
  MyTasksDocument,
  ReceiveHandlingTaskDocument,
  ReplyToProposalDocument,
  type Client,
} from '../src/index.js';
import { clientFromEnvironment, isMain } from './connect.js';

export async function unitTasks(client: Client) {
  const { handlingTasks } = await client.request(MyTasksDocument, { first: 20 });
  return handlingTasks;
}

/** Receives a task waiting for receipt and replies to its proposal. */
export async function receiveAndReply(client: Client, taskId: string) {
  const tasks = await unitTasks(client);
  const task = tasks.nodes.find((t) => t.id === taskId);
  if (!task?.proposal) throw new Error(`task ${taskId} is not among this unit's tasks`);
  // A task step takes the task's own version.
  const received = await client.request(ReceiveHandlingTaskDocument, {
    id: task.id,
    version: task.version,
  });
  const replied = await client.request(ReplyToProposalDocument, {
    id: received.receiveHandlingTask.id,
    version: received.receiveHandlingTask.version,
    input: {
      text: '我单位已将该建议纳入年度工作计划，正在组织实施。',
      referenceNumber: '黄农函〔2026〕12号',
      signingLeader: '王明',
      contact: '0559-1234567',
      grade: 'A',
    },
  });
  return replied.replyToProposal;
}

if (isMain(import.meta.url)) {
  const client = clientFromEnvironment();
  const tasks = await unitTasks(client);
  console.log(
    `${tasks.totalCount} tasks: ${tasks.nodes.map((t) => `${t.proposal?.title} (${t.status}${t.overdue ? ', overdue' : ''})`).join('; ')}`,
  );
  const waiting = tasks.nodes.find((t) => t.status === 'PENDING_RECEIPT');
  if (process.argv.includes('--reply-first') && waiting)
    console.log('replied', await receiveAndReply(client, waiting.id));
}
