/**
 * Load time of the web app in Debian's chromium on the demo data: «Мои задачи» (the executor's first page)
 * and the curator's progress page of the demo roadmap, each cold (a fresh browser profile: nothing cached)
 * and warm (the same page loaded again: scripts and styles from the HTTP cache), N runs each.
 *
 * A run is timed from navigation start (the page's `performance.timeOrigin`) to the moment its content
 * shows: the first task of the list for «Мои задачи», the timeline's bars for the progress page — the frame
 * after they entered the document. The goal (issue 8): the first page under 1 s; the p50 is held to it.
 *
 *   node -r ./scripts/register.js bench/web/run.ts [--runs N]
 *
 * It starts the system the way the web tests do (`karta dev` on free ports with a throw-away data folder,
 * apps/web/test/support/system.ts) and stops it afterwards; with KARTA_E2E_URL it measures that running
 * system instead.
 */
import { parseArgs } from 'util';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { startSystem, DEMO_PASSWORD, type RunningSystem } from '../../apps/web/test/support/system';
import { launchBrowser, newContext, useToken } from '../../apps/web/test/support/browser';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { ensureBuilt } = require('../../apps/web/ensure-built.js') as { ensureBuilt: () => boolean };

const GOAL_MS = 1000;
const EXECUTOR = 'executor@demo.karta';
const CURATOR = 'curator@demo.karta';

interface Target {
  name: string;
  account: string;
  path: (apiUrl: string, token: string) => Promise<string>;
  /** What must be in the document for the page to count as shown. */
  ready: string;
}

const TARGETS: Target[] = [
  {
    name: '«Мои задачи» (executor)',
    account: EXECUTOR,
    path: async () => '/tasks',
    ready: '[data-testid=task]',
  },
  {
    name: 'Ход исполнения (curator)',
    account: CURATOR,
    // The demo roadmap: the first one launched, as the progress test picks it.
    path: async (apiUrl, token) => {
      const res = await fetch(`${apiUrl}/api/roadmaps`, { headers: { Authorization: `Bearer ${token}` } });
      if (!res.ok) throw new Error(`GET /api/roadmaps: ${res.status}`);
      const roadmaps = (await res.json()) as { id: string; status: string; createdAt?: string }[];
      const demo = roadmaps
        .filter((r) => r.status === 'active')
        .sort((a, b) => (a.createdAt ?? '').localeCompare(b.createdAt ?? ''))[0];
      if (!demo) throw new Error('no active roadmap in the demo data');
      return `/roadmaps/${demo.id}/progress`;
    },
    ready: '[data-testid=gantt] .gantt-bar',
  },
];

async function login(apiUrl: string, email: string): Promise<string> {
  const res = await fetch(`${apiUrl}/api/auth/login`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ email, password: DEMO_PASSWORD }),
  });
  if (!res.ok) throw new Error(`login ${email}: ${res.status} ${await res.text()}`);
  return ((await res.json()) as { token: string }).token;
}

/**
 * Before any script of the page runs: note, in the page's own clock (0 = navigation start), the frame after
 * the first element matching `selector` entered the document.
 */
const readyProbe = (selector: string) => `(() => {
  const sel = ${JSON.stringify(selector)};
  const mark = () => requestAnimationFrame(() => { window.__kartaReady = performance.now(); });
  const check = () => {
    if (window.__kartaSeen || !document.querySelector(sel)) return;
    window.__kartaSeen = true;
    observer.disconnect();
    mark();
  };
  const observer = new MutationObserver(check);
  observer.observe(document, { childList: true, subtree: true });
})();`;

/** One load of `path` in `page`: milliseconds from navigation start until the content showed. */
async function timeLoad(page: Page, path: string): Promise<number> {
  await page.goto(path, { waitUntil: 'commit' });
  // A function, not a string: the page's CSP forbids eval.
  await page.waitForFunction(
    () => typeof (globalThis as { __kartaReady?: unknown }).__kartaReady === 'number',
    undefined,
    { timeout: 30_000, polling: 50 },
  );
  return (await page.evaluate('window.__kartaReady')) as number;
}

async function prepared(browser: Browser, baseUrl: string, token: string, ready: string) {
  const context: BrowserContext = await newContext(browser, baseUrl);
  await useToken(context, token);
  await context.addInitScript({ content: readyProbe(ready) });
  return context;
}

const pct = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];

interface Row {
  page: string;
  cache: 'cold' | 'warm';
  times: number[];
}

async function measure(browser: Browser, system: RunningSystem, runs: number): Promise<Row[]> {
  const rows: Row[] = [];
  for (const target of TARGETS) {
    const token = await login(system.apiUrl, target.account);
    const path = await target.path(system.apiUrl, token);

    // Cold: a new profile for every run (no HTTP cache, no service state), one page load each.
    const cold: number[] = [];
    for (let i = 0; i < runs; i++) {
      const context = await prepared(browser, system.webUrl, token, target.ready);
      try {
        cold.push(await timeLoad(await context.newPage(), path));
      } finally {
        await context.close();
      }
    }
    rows.push({ page: target.name, cache: 'cold', times: cold });

    // Warm: one profile; a first load fills the cache, then the page is loaded again `runs` times.
    const warm: number[] = [];
    const context = await prepared(browser, system.webUrl, token, target.ready);
    try {
      const page = await context.newPage();
      await timeLoad(page, path);
      for (let i = 0; i < runs; i++) warm.push(await timeLoad(page, path));
    } finally {
      await context.close();
    }
    rows.push({ page: target.name, cache: 'warm', times: warm });
  }
  return rows;
}

function print(rows: Row[], runs: number, url: string): boolean {
  const out = (line: string) => process.stdout.write(`${line}\n`);
  out(`\nweb bench: ${url}, chromium headless at 1366×900, ${runs} runs each`);
  out('time from navigation start to the content shown (the task list; the progress timeline)\n');
  out(
    `${'page'.padEnd(26)} ${'cache'.padEnd(5)} ${'min ms'.padStart(7)} ${'p50 ms'.padStart(7)} ${'max ms'.padStart(7)}  goal`,
  );
  let met = true;
  for (const r of rows) {
    const sorted = [...r.times].sort((a, b) => a - b);
    const p50 = pct(sorted, 50);
    const ok = p50 < GOAL_MS;
    met &&= ok;
    out(
      `${r.page.padEnd(26)} ${r.cache.padEnd(5)} ${sorted[0].toFixed(0).padStart(7)} ${p50
        .toFixed(0)
        .padStart(
          7,
        )} ${sorted[sorted.length - 1].toFixed(0).padStart(7)}  < ${GOAL_MS} ms ${ok ? 'met' : 'MISSED'}`,
    );
  }
  out(`\ngoal: each page's p50 under ${GOAL_MS} ms — ${met ? 'met' : 'MISSED'}`);
  return met;
}

async function main(): Promise<number> {
  const { values } = parseArgs({ options: { runs: { type: 'string', default: '5' } } });
  const runs = Math.max(1, Math.floor(Number(values.runs)) || 5);
  if (!process.env.KARTA_E2E_URL) ensureBuilt();
  const system = await startSystem();
  let browser: Browser | undefined;
  const stop = async () => {
    await browser?.close().catch(() => undefined);
    await system.stop();
  };
  const onSignal = () => {
    process.stderr.write('web bench: interrupted, stopping the system…\n');
    void stop().finally(() => process.exit(130));
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  try {
    browser = await launchBrowser();
    const rows = await measure(browser, system, runs);
    return print(rows, runs, system.webUrl) ? 0 : 1;
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
    await stop();
  }
}

main().then(
  (code) => (process.exitCode = code),
  (e) => {
    process.stderr.write(`${(e as Error).stack}\n`);
    process.exitCode = 1;
  },
);
