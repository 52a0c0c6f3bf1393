import fs from 'node:fs';
import { parseArgs } from 'node:util';
import { processSettings } from '@cppcc/kit';
import { gatherReport, graphAsker, renderHtml, renderMarkdown } from '@cppcc/report';

const FORMATS = ['md', 'html', 'pdf'] as const;
const { values } = parseArgs({
  options: {
    district: { type: 'string' },
    from: { type: 'string' },
    to: { type: 'string' },
    'include-below': { type: 'boolean', default: false },
    format: { type: 'string', default: 'md' },
    out: { type: 'string' },
    url: { type: 'string' },
    token: { type: 'string' },
    help: { type: 'boolean' },
  },
});
const usage = `npm run report -- --district CODE --from YYYY-MM-DD --to YYYY-MM-DD [--include-below]
  [--format md|html|pdf] [--out FILE] [--url http://127.0.0.1:4000/graphql] [--token TOKEN]
Drafts the work report from the running graph; --include-below counts the district with every
district below it (a city's totals). Without --token (development only) it signs a
staff token for the district. md and html go to stdout unless --out is given; pdf needs --out.`;
if (values.help) {
  console.log(usage);
  process.exit(0);
}
const fail = (message: string): never => {
  console.error(`${message}\n\n${usage}`);
  process.exit(2);
};
const day = /^\d{4}-\d{2}-\d{2}$/;
if (!values.district) fail('--district is required');
if (!values.from || !day.test(values.from)) fail('--from must be a date YYYY-MM-DD');
if (!values.to || !day.test(values.to)) fail('--to must be a date YYYY-MM-DD');
const format = values.format as (typeof FORMATS)[number];
if (!FORMATS.includes(format)) fail(`--format must be one of ${FORMATS.join(', ')}`);
if (format === 'pdf' && !values.out) fail('--format pdf needs --out FILE');

const settings = processSettings();
const url = values.url ?? `http://127.0.0.1:${settings.port ?? 4000}/graphql`;
let token = values.token ?? process.env.REPORT_TOKEN;
if (!token) {
  if (!settings.allowDemoTokens)
    fail('--token is required in production (a staff token from your identity provider)');
  const { signDevToken } = await import('@cppcc/gateway');
  token = await signDevToken(settings, { roles: ['staff'], district: values.district! });
}

const ask = graphAsker(url, token);

try {
  const doc = await gatherReport(
    ask,
    {
      district: values.district!,
      from: values.from!,
      to: values.to!,
      includeBelow: values['include-below'],
    },
    (done, total, title) => process.stderr.write(`[${done}/${total}] ${title}\n`),
  );
  if (format === 'md' || format === 'html') {
    const text = format === 'md' ? renderMarkdown(doc) : renderHtml(doc);
    if (values.out) fs.writeFileSync(values.out, text);
    else process.stdout.write(text);
  } else {
    const { htmlToPdf } = await import('@cppcc/report/pdf');
    fs.writeFileSync(values.out!, await htmlToPdf(renderHtml(doc)));
  }
  if (values.out) process.stderr.write(`wrote ${values.out}\n`);
} catch (error) {
  console.error(`report: ${(error as Error).message}`);
  process.exit(1);
}
