import { serveAlone } from '@cppcc/kit';
import { installedModules } from '@cppcc/schema';

const platform = installedModules().find((m) => m.name === 'platform');
if (!platform) throw new Error('the platform module is not installed');
await serveAlone(platform);
