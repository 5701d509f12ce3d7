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
  DESKTOP,
  launchBrowser,
  newContext,
  PHONE,
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

  it('writes the timeline and chart labels whole, on a laptop and a phone', async () => {
    for (const viewport of [DESKTOP, PHONE]) {
      await page.setViewportSize(viewport);
      await page.waitForTimeout(300);
      const where = `${viewport.width}px`;
      // Months read «окт. 2026» (the year on the first and on January), never «окт. 26 г.»; every label
      // fits inside the axis and clears the «сегодня» mark.
      const layout = (await page.evaluate(`(() => {
        const axis = document.querySelector('[data-testid=gantt] .gantt-axis').getBoundingClientRect();
        const today = document.querySelector('.gantt-today-label').getBoundingClientRect();
        const ticks = [...document.querySelectorAll('.gantt-tick')].filter((t) => t.textContent.trim())
          .map((t) => { const range = document.createRange(); range.selectNodeContents(t);
            const r = range.getBoundingClientRect();
            return { text: t.textContent.trim(), left: r.left, right: r.right, top: r.top, bottom: r.bottom }; });
        const cut = (el) => el.scrollWidth > el.clientWidth + 1 || el.scrollHeight > el.clientHeight + 1;
        const names = [...document.querySelectorAll('.gantt-name')];
        return { axis: { left: axis.left, right: axis.right }, today: { left: today.left, right: today.right,
          top: today.top, bottom: today.bottom }, ticks, namesCut: names.filter(cut).length, names: names.length };
      })()`)) as {
        axis: { left: number; right: number };
        today: { left: number; right: number; top: number; bottom: number };
        ticks: { text: string; left: number; right: number; top: number; bottom: number }[];
        namesCut: number;
        names: number;
      };
      expect(layout.ticks.length).toBeGreaterThan(0);
      expect(layout.ticks[0].text).toMatch(/\d{4}$/);
      for (const tk of layout.ticks) {
        expect(tk.text).toMatch(/^([а-я]+\.? )?\d{4}$|^[а-я]+\.?$/);
        expect({ where, tick: tk.text, inside: tk.right <= layout.axis.right + 0.5 }).toEqual({
          where,
          tick: tk.text,
          inside: true,
        });
        const overlaps =
          tk.left < layout.today.right &&
          layout.today.left < tk.right &&
          tk.top < layout.today.bottom &&
          layout.today.top < tk.bottom;
        expect({ where, tick: tk.text, overlaps }).toEqual({ where, tick: tk.text, overlaps: false });
      }
      // On a phone every activity's name is written out whole (on a laptop it may take two lines).
      expect(layout.names).toBeGreaterThan(3);
      if (viewport === PHONE) expect(layout.namesCut).toBe(0);
      // The charts' category names (the demo's directions and organizations) are written out whole and
      // stay inside the chart.
      const chartNames =
        (await page.evaluate(`[...document.querySelectorAll('[data-testid^=chart-] .recharts-yAxis-tick-labels text')]
        .map((t) => t.textContent)`)) as string[];
      expect(chartNames.length).toBeGreaterThan(0);
      expect({ where, cut: chartNames.filter((n) => n.includes('…')) }).toEqual({ where, cut: [] });
      const spill =
        (await page.evaluate(`(() => [...document.querySelectorAll('[data-testid^=chart-] svg.recharts-surface')]
        .flatMap((svg) => { const box = svg.getBoundingClientRect();
          return [...svg.querySelectorAll('.recharts-yAxis-tick-labels text')]
            .filter((t) => t.getBoundingClientRect().right > box.right + 0.5 || t.getBoundingClientRect().left < box.left - 0.5)
            .map((t) => t.textContent); }))()`)) as string[];
      expect({ where, spill }).toEqual({ where, spill: [] });
    }
    await page.setViewportSize(DESKTOP);
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
