// Opens a statement page in headless Chromium over the DevTools protocol and
// prints, as JSON, what the browser makes of it: the summary table and where
// its links lead, whether the page fits a phone's width, the computed print
// styles, and the size of the page printed to PDF.
//
//   node --experimental-websocket tests/clients/page-check.mjs CHROMIUM URL PROFILE_DIR
import { spawn } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { setTimeout as sleep } from 'node:timers/promises';

const [chromium, url, profile] = process.argv.slice(2);
if (!chromium || !url || !profile) {
  console.error('usage: node page-check.mjs CHROMIUM URL PROFILE_DIR');
  process.exit(2);
}
const WIDTH = 400;

const browser = spawn(chromium, [
  '--headless', '--no-sandbox', '--disable-gpu', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
  '--disable-dev-shm-usage', '--remote-debugging-port=0', `--user-data-dir=${profile}`,
  `--window-size=${WIDTH},2400`, 'about:blank',
], { stdio: 'ignore' });

try {
  console.log(JSON.stringify(await check(), null, 2));
} finally {
  browser.kill();
}

/** The DevTools port Chromium chose, from the file it writes into its profile. */
async function devtoolsPort() {
  for (let i = 0; i < 300; i++) {
    try {
      const [port] = (await readFile(`${profile}/DevToolsActivePort`, 'utf8')).split('\n');
      if (port) return port;
    } catch { /* not written yet */ }
    await sleep(100);
  }
  throw new Error('Chromium did not open its DevTools port');
}

async function connect() {
  const port = await devtoolsPort();
  const pages = await (await fetch(`http://127.0.0.1:${port}/json/list`)).json();
  const page = pages.find((p) => p.type === 'page');
  const socket = new WebSocket(page.webSocketDebuggerUrl);
  await new Promise((resolve, reject) => {
    socket.onopen = resolve;
    socket.onerror = reject;
  });
  let next = 0;
  const waiting = new Map();
  const events = [];
  socket.onmessage = (message) => {
    const data = JSON.parse(message.data);
    if (data.id !== undefined && waiting.has(data.id)) {
      const { resolve, reject } = waiting.get(data.id);
      waiting.delete(data.id);
      if (data.error) reject(new Error(JSON.stringify(data.error)));
      else resolve(data.result);
    } else if (data.method) {
      events.push(data);
    }
  };
  const send = (method, params = {}) => new Promise((resolve, reject) => {
    const id = ++next;
    waiting.set(id, { resolve, reject });
    socket.send(JSON.stringify({ id, method, params }));
  });
  return { send, events, close: () => socket.close() };
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
  close();
  return { screen, print, pdfBytes: Buffer.from(pdf.data, 'base64').length, consoleErrors };
}
