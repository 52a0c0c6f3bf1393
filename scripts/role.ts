// The container's entry point: `node dist/scripts/role.js ROLE` (the image's ENTRYPOINT, so
// `docker run IMAGE members` serves members). Each role is the same file its documented
// command runs directly (`node subgraphs/members/dist/index.js`); node stays PID 1's child-free
// process, so SIGTERM reaches the role's own graceful shutdown.
const ROLES: Record<string, string> = {
  gateway: '../../gateway/dist/main.js',
  organization: '../../subgraphs/organization/dist/index.js',
  members: '../../subgraphs/members/dist/index.js',
  proposals: '../../subgraphs/proposals/dist/index.js',
  consultation: '../../subgraphs/consultation/dist/index.js',
  platform: '../../subgraphs/platform/dist/index.js',
  'plugin-host': '../../plugins/host/dist/index.js',
  migrate: './migrate.js',
  embedded: './start.js',
};

const role = process.argv[2] ?? '';
const entry = ROLES[role];
if (!entry) {
  process.stderr.write(`role "${role}" is not one of ${Object.keys(ROLES).join(', ')}\n`);
  process.exit(1);
}
await import(entry);
