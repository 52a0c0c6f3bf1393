// Anonymous: a district's page and its activity calendar.
//   CPPCC_DISTRICT=341002 npx tsx clients/typescript/examples/public-portal.ts
import { ActivityCalendarDocument, DistrictPageDocument, type Client } from '../src/index.js';
import { clientFromEnvironment, isMain } from './connect.js';

export async function publicPortal(client: Client, code: string) {
  const { district } = await client.request(DistrictPageDocument, { code });
  const { consultationActivities } = await client.request(ActivityCalendarDocument, {
    district: code,
    first: 10,
  });
  return { district, activities: consultationActivities.nodes };
}

if (isMain(import.meta.url)) {
  const page = await publicPortal(clientFromEnvironment(), process.env.CPPCC_DISTRICT ?? '341000');
  console.log(
    `${page.district?.name}: ${page.activities.map((a) => `${a.title} (${a.status})`).join('; ')}`,
  );
}
