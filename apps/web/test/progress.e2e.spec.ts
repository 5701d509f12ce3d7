/**
 * The ministry's view of a launched roadmap: completion by direction, overdue by organization, the
 * Gantt-like timeline, the XLSX export and the calendar link; and, in development, the mailbox with the
 * escalation emails the demo produced.
 */
import * as fs from 'node:fs';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { call, DEMO, login, webUrl } from './support/api';
import {
  atPhoneWidth,
  launchBrowser,
  newContext,
  screenshot,
  unlabeledControls,
  useToken,
  watchErrors,
} from './support/browser';

describe('progress and reports', () => {
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let errors: string[];
  let roadmapId: string;

  beforeAll(async () => {
    browser = await launchBrowser();
    context = await newContext(browser, webUrl());
    const token = await login(DEMO.curator);
    await useToken(context, token);
    page = await context.newPage();
    errors = watchErrors(page);
    const roadmaps = await call<{ id: string; status: string; createdAt?: string }[]>(
      token,
      'GET',
      '/roadmaps',
    );
    // The demo roadmap: the first one launched.
    const active = roadmaps
      .filter((r) => r.status === 'active')
      .sort((a, b) => (a.createdAt ?? '').localeCompare(b.createdAt ?? ''));
    expect(active.length).toBeGreaterThan(0);
    roadmapId = active[0].id;
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('renders completion by direction, overdue by organization and the timeline', async () => {
    await page.goto('/roadmaps');
    await page.getByTestId('roadmap-list').waitFor();
    await page.goto(`/roadmaps/${roadmapId}/progress`);
    await page.getByTestId('progress-stats').waitFor();
    await page.getByTestId('chart-direction').locator('svg.recharts-surface').first().waitFor();
    await page.getByTestId('chart-overdue').locator('.recharts-bar-rectangle').first().waitFor();
    const bars = page.getByTestId('gantt').locator('.gantt-bar');
    await bars.first().waitFor();
    expect(await bars.count()).toBeGreaterThan(3);
    // With the occurrences route the bars carry their status; without it the page shows the planned dates.
    if (!(await page.getByText(/Плановые сроки по документу/).count())) {
      expect(await page.getByTestId('gantt').locator('.gantt-bar.is-overdue').count()).toBeGreaterThan(0);
    }
    expect(await unlabeledControls(page)).toEqual([]);
    await screenshot(page, 'progress-desktop');
    expect(await atPhoneWidth(page, 'progress')).toBeLessThanOrEqual(0);
  });

  it('exports the roadmap to XLSX and shows the calendar link', async () => {
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Выгрузить в Excel' }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/\.xlsx$/);
    const file = await download.path();
    const head = fs.readFileSync(file!).subarray(0, 2).toString('latin1');
    expect(head).toBe('PK'); // a zip container: XLSX

    await page.getByRole('button', { name: /Календарь/ }).click();
    const link = await page.getByLabel('Ссылка на календарь').inputValue();
    expect(link).toMatch(/^https?:\/\/.+/);
    const ics = await fetch(link.replace(/^https?:\/\/[^/]+/, process.env.KARTA_API_URL_E2E ?? webUrl()));
    expect(ics.ok).toBe(true);
    expect(await ics.text()).toContain('BEGIN:VCALENDAR');
    await screenshot(page, 'progress-calendar-desktop');
    expect(errors).toEqual([]);
  });

  it('shows the dev mailbox with the escalation emails of the demo', async () => {
    await page.goto('/dev/mailbox');
    const list = page.getByTestId('mailbox');
    await list.waitFor();
    expect(await list.locator('li').count()).toBeGreaterThan(0);
    await list.locator('summary').first().click();
    await screenshot(page, 'mailbox-desktop');
    expect(await atPhoneWidth(page, 'mailbox')).toBeLessThanOrEqual(0);
    expect(errors).toEqual([]);
  });
});
