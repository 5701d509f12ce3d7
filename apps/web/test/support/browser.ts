/**
 * Debian's chromium driven by playwright-core: no browser download, headless, a fresh profile each launch.
 * Screenshots go to test-results/web/ (git-ignored) at desktop and phone widths.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const ARTIFACTS = path.resolve(__dirname, '..', '..', '..', '..', 'test-results', 'web');

export const DESKTOP = { width: 1366, height: 900 };
export const PHONE = { width: 375, height: 812 };

const FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-dev-shm-usage',
];

export async function launchBrowser(): Promise<Browser> {
  if (!fs.existsSync(CHROMIUM)) {
    throw new Error(
      `${CHROMIUM} is missing: install Debian's chromium (apt-get install -y chromium); no browser is downloaded`,
    );
  }
  // playwright-core gives every launch a new, empty, temporary --user-data-dir.
  return chromium.launch({ executablePath: CHROMIUM, headless: true, args: FLAGS });
}

export async function newContext(
  browser: Browser,
  baseURL: string,
  viewport = DESKTOP,
): Promise<BrowserContext> {
  const context = await browser.newContext({
    baseURL,
    viewport,
    locale: 'ru-RU',
    timezoneId: 'Europe/Moscow',
    acceptDownloads: true,
  });
  context.setDefaultTimeout(20_000);
  return context;
}

/** Logs in through the form, the way a person does. */
export async function loginViaForm(page: Page, email: string, password: string): Promise<void> {
  await page.goto('/login');
  await page.getByLabel('Электронная почта').fill(email);
  await page.getByLabel('Пароль').fill(password);
  await page.getByRole('button', { name: 'Войти' }).click();
  await page.getByTestId('who').waitFor();
}

/** Puts an API token where the app keeps it, to skip the form on later pages. */
export async function useToken(context: BrowserContext, token: string): Promise<void> {
  await context.addInitScript({
    content: `window.localStorage.setItem('karta.token', ${JSON.stringify(token)});`,
  });
}

export async function screenshot(page: Page, name: string): Promise<string> {
  fs.mkdirSync(ARTIFACTS, { recursive: true });
  const file = path.join(ARTIFACTS, `${name}.png`);
  // From the top: a sticky header would otherwise be drawn wherever the page was scrolled to.
  await page.evaluate('window.scrollTo(0, 0)');
  await page.screenshot({ path: file, fullPage: true });
  return file;
}

/** The page's own width does not exceed the viewport: nothing scrolls sideways. */
export async function horizontalOverflow(page: Page): Promise<number> {
  return page.evaluate(
    'Math.max(document.documentElement.scrollWidth, document.body.scrollWidth) - window.innerWidth',
  ) as Promise<number>;
}

/** Opens `url` at phone width in a second page of the same context, screenshots it, returns the overflow. */
export async function atPhoneWidth(page: Page, name: string): Promise<number> {
  await page.setViewportSize(PHONE);
  await page.waitForTimeout(150);
  const overflow = await horizontalOverflow(page);
  await screenshot(page, `${name}-375`);
  await page.setViewportSize(DESKTOP);
  return overflow;
}

/** Collects uncaught page errors and failed API calls, so a test can assert there were none. */
export function watchErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error' && !/Failed to load resource/.test(m.text()))
      errors.push(`console: ${m.text()}`);
  });
  page.on('response', (r) => {
    if (r.url().includes('/api/') && r.status() >= 500)
      errors.push(`${r.status()} ${r.request().method()} ${r.url()}`);
  });
  return errors;
}

/** Form controls a screen reader could not name (no label, aria-label or aria-labelledby). */
export async function unlabeledControls(page: Page): Promise<string[]> {
  return page.evaluate(`(() => {
    const out = [];
    for (const el of document.querySelectorAll('input:not([type=hidden]), select, textarea, button')) {
      const name = (el.getAttribute('aria-label') || '').trim() || (el.labels && [...el.labels].map((l) => l.textContent).join(' ').trim()) ||
        (el.getAttribute('aria-labelledby') || '').split(' ').map((id) => document.getElementById(id)?.textContent || '').join(' ').trim() ||
        (el.tagName === 'BUTTON' ? el.textContent.trim() : '') || (el.getAttribute('title') || '').trim();
      if (!name) out.push(el.outerHTML.slice(0, 120));
    }
    return out;
  })()`) as Promise<string[]>;
}

/** Slows uploads down (Chrome DevTools Protocol) so a progress bar has time to show. */
export async function throttleUploads(page: Page, bytesPerSecond: number): Promise<() => Promise<void>> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.emulateNetworkConditions', {
    offline: false,
    latency: 0,
    downloadThroughput: -1,
    uploadThroughput: bytesPerSecond,
  });
  return async () => {
    await cdp.send('Network.emulateNetworkConditions', {
      offline: false,
      latency: 0,
      downloadThroughput: -1,
      uploadThroughput: -1,
    });
    await cdp.detach();
  };
}

/** Samples a progressbar's aria-valuenow while `action` runs; the distinct values seen. */
export async function watchProgress(page: Page, action: () => Promise<void>): Promise<number[]> {
  const seen = new Set<number>();
  let done = false;
  const sampler = (async () => {
    while (!done) {
      const v = await page
        .locator('[role=progressbar]')
        .first()
        .getAttribute('aria-valuenow', { timeout: 50 })
        .catch(() => null);
      if (v !== null) seen.add(Number(v));
      await page.waitForTimeout(40);
    }
  })();
  try {
    await action();
  } finally {
    done = true;
    await sampler;
  }
  return [...seen].sort((a, b) => a - b);
}

/** Drops files on an element the way a person drags them from the desktop. */
export async function dropFiles(
  page: Page,
  selector: string,
  files: { name: string; mimeType: string; base64: string }[],
): Promise<void> {
  const dataTransfer = await page.evaluateHandle(`(() => {
    const dt = new DataTransfer();
    for (const f of ${JSON.stringify(files)}) {
      const bytes = Uint8Array.from(atob(f.base64), (c) => c.charCodeAt(0));
      dt.items.add(new File([bytes], f.name, { type: f.mimeType }));
    }
    return dt;
  })()`);
  await page.dispatchEvent(selector, 'dragover', { dataTransfer });
  await page.dispatchEvent(selector, 'drop', { dataTransfer });
}

/** Reloads the page until `probe` finds something (state that a workflow settles asynchronously). */
export async function eventually(
  page: Page,
  probe: () => Promise<number | boolean>,
  timeoutMs = 30_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await probe()) return;
    if (Date.now() > deadline) throw new Error('condition not met before the deadline');
    await page.waitForTimeout(700);
    await page.reload();
    await page.waitForLoadState('networkidle').catch(() => undefined);
  }
}
