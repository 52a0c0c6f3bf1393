import { signDevToken } from '@cppcc/gateway';
import { CITY } from '@cppcc/demo';
import { processSettings, startOrExit, startTracing, stopOnSignal } from '@cppcc/kit';
import { startPlatform } from './platform.js';

// The embedded platform: `npm start` (tsx) in development, `node dist/scripts/start.js`
// (`npm run start:prod`) built. HOST, PORT, PORT_<MODULE>, GATEWAY_ENGINE, … are settings.
const settings = processSettings();
// One process for all: its spans tell the modules apart by the cppcc.module attribute.
startTracing(settings, 'cppcc-platform');
const platform = await startOrExit('platform', () => startPlatform(settings));
stopOnSignal(() => platform.stop());

// Working tokens on a production console would be credentials in its logs: only in development
// (or with ALLOW_DEMO_TOKENS=true).
const tokens = !settings.allowDemoTokens
  ? []
  : [
      ['city staff', await signDevToken(settings, { roles: ['staff'], district: CITY })],
      ['屯溪区 staff', await signDevToken(settings, { roles: ['staff'], district: '341002' })],
      [
        '屯溪区 operator (switches plugins)',
        await signDevToken(settings, { roles: ['operator'], district: '341002' }),
      ],
      [
        'member 1 (city)',
        await signDevToken(settings, { roles: ['member'], district: CITY, memberId: '1' }),
      ],
    ];
const lines = [
  '',
  `CPPCC Graph is ready in ${process.uptime().toFixed(1)} s`,
  `  graph:    ${platform.gateway.url}  (engine: ${platform.gateway.engine})`,
  `  modules:  ${platform.modules.length}, ${platform.workers > 0 ? `in ${platform.workers} worker threads (WORKERS)` : 'in the main thread (WORKERS=0)'}`,
  `  storage:  ${settings.databaseUrl ? 'PostgreSQL' : `SQLite files in ${settings.dataDir}`}; bus: ${settings.redisUrl ? 'Redis Streams' : 'in-process'}`,
  ...(tokens.length
    ? [
        '  dev tokens (send as "Authorization: Bearer <token>"; npm run token -- --help for more):',
        ...tokens.map(([who, token]) => `    ${who}: ${token}`),
      ]
    : ['  dev tokens: off (production; ALLOW_DEMO_TOKENS=true turns them on)']),
  '',
];
process.stdout.write(`${lines.join('\n')}\n`);
