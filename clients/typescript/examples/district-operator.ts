// A district operator: the plugins installed and this district's switches; turning one on.
//   CPPCC_TOKEN=<operator token> npx tsx clients/typescript/examples/district-operator.ts [plugin-id]
import {
  DisablePluginDocument,
  EnablePluginDocument,
  PluginConsoleDocument,
  type Client,
} from '../src/index.js';
import { clientFromEnvironment, isMain } from './connect.js';

export async function pluginConsole(client: Client, code: string) {
  const answer = await client.request(PluginConsoleDocument, { code });
  return { installed: answer.installedPlugins, switches: answer.district?.plugins ?? [] };
}

export async function switchPlugin(client: Client, district: string, plugin: string, on: boolean) {
  if (on)
    return (
      await client.request(EnablePluginDocument, { district, plugin, note: '本区开展该项工作' })
    ).enablePlugin;
  return (
    await client.request(DisablePluginDocument, { district, plugin, note: '本区暂停该项工作' })
  ).disablePlugin;
}

if (isMain(import.meta.url)) {
  const client = clientFromEnvironment();
  const district = process.env.CPPCC_DISTRICT ?? '341002';
  const plugin = process.argv[2];
  if (plugin) console.log('switched', await switchPlugin(client, district, plugin, true));
  const view = await pluginConsole(client, district);
  for (const p of view.installed)
    console.log(
      `${p.id} (${p.title}): ${view.switches.find((s) => s.plugin.id === p.id)?.enabled ? 'on' : 'off'}`,
    );
}
