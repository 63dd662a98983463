// Opens a statement page in headless Chromium over the DevTools protocol and
// prints, as JSON, what the browser makes of it: the summary table and where
// its links lead, whether the page fits a phone's width, the computed print
// styles, and the size of the page printed to PDF.
//
// The protocol runs over a pipe (`--remote-debugging-pipe`: JSON messages
// ended by a NUL byte on file descriptors 3 and 4), so no WebSocket client
// is needed and any Node.js will do.
//
//   node tests/clients/page-check.mjs CHROMIUM URL PROFILE_DIR
import { spawn } from 'node:child_process';

const [chromium, url, profile] = process.argv.slice(2);
if (!chromium || !url || !profile) {
  console.error('usage: node page-check.mjs CHROMIUM URL PROFILE_DIR');
  process.exit(2);
}
const WIDTH = 400;

const browser = spawn(chromium, [
  '--headless', '--no-sandbox', '--disable-gpu', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
  '--disable-dev-shm-usage', '--remote-debugging-pipe', `--user-data-dir=${profile}`,
  `--window-size=${WIDTH},2400`, 'about:blank',
], { stdio: ['ignore', 'ignore', 'ignore', 'pipe', 'pipe'] });

try {
  console.log(JSON.stringify(await check(), null, 2));
} finally {
  browser.kill();
}

/** The protocol over Chromium's pipe, attached to its page. */
async function connect() {
  const [toBrowser, fromBrowser] = [browser.stdio[3], browser.stdio[4]];
  let next = 0;
  const waiting = new Map();
  const events = [];
  let buffered = '';
  fromBrowser.setEncoding('utf8');
  fromBrowser.on('data', (chunk) => {
    buffered += chunk;
    let end;
    while ((end = buffered.indexOf('\0')) >= 0) {
      const data = JSON.parse(buffered.slice(0, end));
      buffered = buffered.slice(end + 1);
      if (data.id !== undefined && waiting.has(data.id)) {
        const { resolve, reject } = waiting.get(data.id);
        waiting.delete(data.id);
        if (data.error) reject(new Error(JSON.stringify(data.error)));
        else resolve(data.result);
      } else if (data.method) {
        events.push(data);
      }
    }
  });
  const call = (method, params = {}, sessionId = undefined) => new Promise((resolve, reject) => {
    const id = ++next;
    waiting.set(id, { resolve, reject });
    toBrowser.write(`${JSON.stringify({ id, method, params, sessionId })}\0`);
  });
  const { targetInfos } = await call('Target.getTargets');
  const page = targetInfos.find((t) => t.type === 'page');
  const { sessionId } = await call('Target.attachToTarget', { targetId: page.targetId, flatten: true });
  const send = (method, params = {}) => call(method, params, sessionId);
  return { send, events, close: () => call('Browser.close').catch(() => {}) };
}

/** The value of `expression` evaluated in the page. */
async function evaluate(send, expression) {
  const { result, exceptionDetails } = await send('Runtime.evaluate', {
    expression, returnByValue: true, awaitPromise: true,
  });
  if (exceptionDetails) throw new Error(JSON.stringify(exceptionDetails));
  return result.value;
}

async function check() {
  const { send, events, close } = await connect();
  await send('Page.enable');
  await send('Runtime.enable');
  await send('Emulation.setDeviceMetricsOverride', {
    width: WIDTH, height: 2400, deviceScaleFactor: 1, mobile: true,
  });
  await send('Page.navigate', { url });
  await evaluate(send, `new Promise((done) => {
    if (document.readyState === 'complete') done(true);
    else addEventListener('load', () => done(true));
  })`);

  const screen = await evaluate(send, `(() => {
    const table = document.querySelector('section.summary table');
    const rows = [...document.querySelectorAll('section.summary tbody tr')];
    return {
      viewport: innerWidth,
      pageWidth: document.documentElement.scrollWidth,
      tableWidth: table ? Math.ceil(table.getBoundingClientRect().width) : null,
      rowDisplay: rows.length ? getComputedStyle(rows[0]).display : null,
      columns: [...document.querySelectorAll('section.summary thead th')].map((th) => th.textContent),
      rows: rows.map((row) => {
        const link = row.querySelector('th a');
        const href = link ? link.getAttribute('href') : null;
        const target = href ? document.getElementById(decodeURIComponent(href.slice(1))) : null;
        const heading = target ? target.querySelector('h1, h2, h3, h4') : null;
        return {
          text: link ? link.textContent : null,
          href,
          targetTag: target ? target.tagName.toLowerCase() : null,
          targetHeading: heading ? heading.textContent : null,
          labels: [...row.querySelectorAll('td')].map((td) => td.dataset.label),
        };
      }),
    };
  })()`);

  await send('Emulation.setEmulatedMedia', { media: 'print' });
  const print = await evaluate(send, `(() => {
    const style = (selector, pseudo) => {
      const element = document.querySelector(selector);
      return element ? getComputedStyle(element, pseudo) : null;
    };
    return {
      tocDisplay: style('nav.toc')?.display ?? null,
      footerLinksDisplay: style('footer .noprint')?.display ?? null,
      rowBreakInside: style('section.summary tbody tr')?.breakInside ?? null,
      rowDisplay: style('section.summary tbody tr')?.display ?? null,
      headerGroup: style('section.summary thead')?.display ?? null,
      linkTarget: style('.statement a[href^="/"]', '::after')?.content ?? null,
    };
  })()`);
  const pdf = await send('Page.printToPDF', { printBackground: false });
  const consoleErrors = events
    .filter((e) => e.method === 'Runtime.exceptionThrown'
      || (e.method === 'Runtime.consoleAPICalled' && e.params.type === 'error'))
    .map((e) => JSON.stringify(e.params).slice(0, 300));
  await close();
  return { screen, print, pdfBytes: Buffer.from(pdf.data, 'base64').length, consoleErrors };
}
