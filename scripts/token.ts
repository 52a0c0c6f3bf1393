import { parseArgs } from 'node:util';
import { processSettings, ROLES, type Role } from '@cppcc/kit';

const { values } = parseArgs({
  options: {
    role: { type: 'string', multiple: true, default: [] },
    district: { type: 'string' },
    member: { type: 'string' },
    unit: { type: 'string' },
    ttl: { type: 'string' },
    help: { type: 'boolean' },
  },
});
if (values.help) {
  console.log(
    `npm run token -- --role ROLE [--role ROLE] --district CODE [--member ID] [--unit ID] [--ttl SECONDS]\nroles: ${ROLES.join(', ')}`,
  );
  process.exit(0);
}
const unknown = values.role.filter((r) => !(ROLES as readonly string[]).includes(r));
if (unknown.length) {
  console.error(`unknown role ${unknown.join(', ')}; roles are ${ROLES.join(', ')}`);
  process.exit(2);
}
const settings = processSettings();
if (!settings.allowDemoTokens) {
  console.error(
    'development tokens are off in production (ALLOW_DEMO_TOKENS=true turns them on); tokens come from your identity provider',
  );
  process.exit(1);
}
// Loaded after the settings are checked: a refusal need not wait for the whole gateway to load.
const { signDevToken } = await import('@cppcc/gateway');
console.log(
  await signDevToken(settings, {
    roles: values.role as Role[],
    district: values.district ?? null,
    memberId: values.member ?? null,
    unitId: values.unit ?? null,
    ttl: values.ttl ? Number(values.ttl) : undefined,
  }),
);
