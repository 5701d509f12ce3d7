/**
 * Executor's main path on the demo data: «Мои задачи» with working-day countdowns, then an item page where he
 * uploads evidence by drag-and-drop and the file picker, sees clear errors for a forbidden and a too-large
 * file, and watches the progress bar until the report is on review.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { call, DEMO, login, tinyPdf, tinyPng, webUrl } from './support/api';
import {
  atPhoneWidth,
  dropFiles,
  eventually,
  launchBrowser,
  loginViaForm,
  newContext,
  screenshot,
  throttleUploads,
  unlabeledControls,
  useToken,
  watchErrors,
  watchProgress,
} from './support/browser';

interface TaskRow {
  id: string;
  title: string;
  status: string;
  overdue: boolean;
  due: string;
}

describe('executor: «Мои задачи» and evidence upload', () => {
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let errors: string[];

  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });
  beforeEach(async () => {
    context = await newContext(browser, webUrl());
    page = await context.newPage();
    errors = watchErrors(page);
  });
  afterEach(async () => {
    await context?.close();
  });

  it('logs in and sees overdue and due-soon items counted down in working days, on a laptop and a phone', async () => {
    await loginViaForm(page, DEMO.executor, DEMO.password);
    await page.waitForURL(/\/tasks$/);
    await page.getByRole('heading', { name: 'Мои задачи' }).waitFor();

    const who = await page.getByTestId('who').innerText();
    expect(who).toMatch(/Выйти/);
    expect(who.length).toBeGreaterThan(10); // name and organization

    await page.getByTestId('section-overdue').waitFor();
    expect(await page.getByTestId('section-overdue').getByTestId('task').count()).toBeGreaterThan(0);
    const soonOrReturned =
      (await page.getByTestId('section-soon').count()) + (await page.getByTestId('section-returned').count());
    expect(soonOrReturned).toBeGreaterThan(0);
    expect(await page.locator('.days').first().innerText()).toMatch(/рабоч|сегодня|срок истёк/);

    expect(await unlabeledControls(page)).toEqual([]);
    await screenshot(page, 'executor-tasks-desktop');
    expect(await atPhoneWidth(page, 'executor-tasks')).toBeLessThanOrEqual(0);

    // Keyboard: on a fresh page the first Tab reaches the skip link, and it leads to the content.
    const fresh = await context.newPage();
    await fresh.goto('/tasks');
    await fresh.getByTestId('task').first().waitFor();
    await fresh.keyboard.press('Tab');
    expect(await fresh.evaluate('document.activeElement && document.activeElement.textContent')).toBe(
      'Перейти к содержанию',
    );
    await fresh.keyboard.press('Enter');
    expect(await fresh.evaluate('location.hash')).toBe('#main');
    await fresh.close();
    expect(errors).toEqual([]);
  });

  it('opens «Мои задачи» in under a second on the demo data (cold cache, best of three)', async () => {
    const token = await login(DEMO.executor);
    const times: number[] = [];
    for (let i = 0; i < 3; i++) {
      const fresh = await newContext(browser, webUrl());
      await useToken(fresh, token);
      const p = await fresh.newPage();
      const started = Date.now();
      await p.goto('/tasks', { waitUntil: 'commit' });
      await p.getByTestId('task').first().waitFor();
      times.push(Date.now() - started);
      await fresh.close();
    }
    process.stdout.write(`[web-e2e] «Мои задачи» ready in ${times.join(', ')} ms\n`);
    expect(Math.min(...times)).toBeLessThan(1000);
  });

  it('uploads several files with a progress bar, after refusing forbidden and too large ones', async () => {
    const token = await login(DEMO.executor);
    const tasks = await call<TaskRow[]>(token, 'GET', '/me/tasks');
    const target =
      tasks.find((t) => t.overdue && ['open', 'planned', 'returned'].includes(t.status)) ??
      tasks.find((t) => ['open', 'planned', 'returned'].includes(t.status));
    expect(target).toBeDefined();

    await useToken(context, token);
    await page.goto('/tasks');
    await page.locator(`[data-testid=task][data-id="${target!.id}"] a`).first().click();
    await page.waitForURL(new RegExp(`/occurrences/${target!.id}$`));
    await page.getByTestId('expected-result').waitFor();
    await page.getByRole('heading', { name: /История/ }).waitFor();

    const input = page.locator('input[type=file]');
    // A forbidden type: refused before any upload, with the reason.
    await input.setInputFiles({
      name: 'setup.exe',
      mimeType: 'application/x-msdownload',
      buffer: Buffer.from('MZ fake'),
    });
    await page
      .getByRole('alert')
      .filter({ hasText: 'setup.exe' })
      .getByText(/не принимается/)
      .waitFor();
    // Too large.
    await input.setInputFiles({
      name: 'huge-scan.pdf',
      mimeType: 'application/pdf',
      buffer: Buffer.alloc(21 * 1024 * 1024, 0x20),
    });
    await page
      .getByRole('alert')
      .filter({ hasText: 'huge-scan.pdf' })
      .getByText(/больше 20 МБ/)
      .waitFor();
    await screenshot(page, 'executor-evidence-errors-desktop');

    // Two good files: one dropped, one picked; the PDF is padded so the throttled upload takes a moment.
    await dropFiles(page, '[data-testid=filedrop]', [
      { name: 'фото-мероприятия.png', mimeType: 'image/png', base64: tinyPng().toString('base64') },
    ]);
    const pdf = Buffer.concat([tinyPdf('Prikaz'), Buffer.from(`%${'0'.repeat(400 * 1024)}\n`)]);
    await input.setInputFiles({ name: 'приказ.pdf', mimeType: 'application/pdf', buffer: pdf });
    const chosen = page.getByRole('list', { name: 'Выбранные файлы' });
    await chosen.getByText('фото-мероприятия.png').waitFor();
    await chosen.getByText('приказ.pdf').waitFor();

    // When the result is an order or a protocol the form asks for its number and date.
    if (await page.getByLabel('Номер документа').count()) {
      await page.getByLabel('Номер документа').fill('872');
      await page.getByLabel('Дата документа').fill(new Date().toISOString().slice(0, 10));
    }
    await page.getByLabel('Комментарий').fill('Отчёт из e2e-теста: приказ и фото');

    const unthrottle = await throttleUploads(page, 150 * 1024);
    const seen = await watchProgress(page, async () => {
      await page.getByRole('button', { name: 'Отправить на проверку' }).click();
      await page.getByText('Отчёт отправлен на проверку куратору').waitFor({ timeout: 60_000 });
    });
    await unthrottle();
    process.stdout.write(`[web-e2e] upload progress seen: ${seen.join(', ')}\n`);
    expect(seen.some((v) => v > 0 && v < 100)).toBe(true);

    // The new version is listed with both files, and the item is now on review (once the workflow accepted it).
    await page.getByText('приказ.pdf').first().waitFor();
    await eventually(page, () => page.locator('.page-header .badge', { hasText: 'На проверке' }).count());
    await screenshot(page, 'executor-item-desktop');
    expect(await atPhoneWidth(page, 'executor-item')).toBeLessThanOrEqual(0);
    expect(await unlabeledControls(page)).toEqual([]);
    expect(errors).toEqual([]);
  });
});
