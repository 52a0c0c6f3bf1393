import { chromium } from 'playwright-core';

/** Where Chromium is: Debian's package by default (playwright-core never downloads a browser). */
const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';

/** Prints the report's HTML to A4 PDF pages in a headless Chromium with no network at all. */
export async function htmlToPdf(html: string): Promise<Buffer> {
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--no-sandbox', '--disable-gpu', '--host-resolver-rules=MAP * ~NOTFOUND'],
  });
  try {
    const page = await browser.newPage();
    await page.setContent(html, { waitUntil: 'load' });
    return await page.pdf({
      format: 'A4',
      margin: { top: '20mm', bottom: '20mm', left: '18mm', right: '18mm' },
      printBackground: true,
    });
  } finally {
    await browser.close();
  }
}
