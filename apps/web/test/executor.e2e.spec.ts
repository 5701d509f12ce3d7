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
  horizontalOverflow,
  launchBrowser,
  loginViaForm,
  newContext,
  PHONE,
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

  it('opens «Мои задачи» straight from a link, listing every item still in work', async () => {
    // How fast it opens is measured by bench/web (timing goals live in benchmarks, not in tests).
    const token = await login(DEMO.executor);
    const tasks = await call<TaskRow[]>(token, 'GET', '/me/tasks');
    const inWork = tasks.filter((t) => !['approved', 'cancelled'].includes(t.status));
    expect(inWork.length).toBeGreaterThan(0);
    await useToken(context, token);
    await page.goto('/tasks');
    await page.getByRole('heading', { name: 'Мои задачи' }).waitFor();
    await page.getByTestId('task').first().waitFor();
    expect(await page.getByTestId('task').count()).toBe(inWork.length);
    expect(errors).toEqual([]);
  });

  it('refuses a wrong password with a message in Russian and stays on the form', async () => {
    await page.goto('/login');
    await page.getByLabel('Электронная почта').fill(DEMO.executor);
    await page.getByLabel('Пароль').fill(`${DEMO.password}-не-тот`);
    await page.getByRole('button', { name: 'Войти' }).click();
    const alert = page.getByRole('alert');
    await alert.waitFor();
    expect(await alert.innerText()).toMatch(/Неверный адрес или пароль/);
    expect(page.url()).toMatch(/\/login$/);
    expect(await page.getByTestId('who').count()).toBe(0);
    expect(await page.evaluate("localStorage.getItem('karta.token')")).toBeNull();
    await screenshot(page, 'login-wrong-password-desktop');
  });

  it('opens the navigation from «Меню» on a phone, by mouse and by keyboard', async () => {
    const token = await login(DEMO.executor);
    const [first] = await call<TaskRow[]>(token, 'GET', '/me/tasks');
    const phone = await newContext(browser, webUrl(), PHONE);
    await useToken(phone, token);
    const p = await phone.newPage();
    const pageErrors = watchErrors(p);
    await p.goto(`/occurrences/${first.id}`);
    await p.getByTestId('expected-result').waitFor();

    const menu = p.getByRole('button', { name: 'Меню' });
    const nav = p.getByRole('navigation', { name: 'Основная навигация' });
    const tasksLink = nav.getByRole('link', { name: 'Мои задачи' });
    expect(await menu.getAttribute('aria-expanded')).toBe('false');
    expect(await tasksLink.isVisible()).toBe(false);

    await menu.click();
    expect(await menu.getAttribute('aria-expanded')).toBe('true');
    await tasksLink.waitFor({ state: 'visible' });
    expect(await horizontalOverflow(p)).toBeLessThanOrEqual(0);
    await screenshot(p, 'executor-menu-375');
    await menu.click();
    await tasksLink.waitFor({ state: 'hidden' });

    // The keyboard opens it too, and following a link closes it on the new page.
    await menu.focus();
    await p.keyboard.press('Enter');
    await tasksLink.waitFor({ state: 'visible' });
    await tasksLink.click();
    await p.waitForURL(/\/tasks$/);
    await p.getByRole('heading', { name: 'Мои задачи' }).waitFor();
    expect(await menu.getAttribute('aria-expanded')).toBe('false');
    expect(await tasksLink.isVisible()).toBe(false);
    await phone.close();
    expect(pageErrors).toEqual([]);
  });

  it('names the roles a page is for, in Russian, when his own role cannot open it', async () => {
    await useToken(context, await login(DEMO.executor));
    await page.goto('/deadline-changes');
    const card = page.getByTestId('no-access');
    await card.getByRole('heading', { name: 'Нет доступа' }).waitFor();
    const text = await card.innerText();
    expect(text).toContain('«Куратор (министерство)»');
    expect(text).not.toMatch(/curator|head|executor/);
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

    // Reminders and escalations read as plain Russian: no raw levels (`d3`, `1@1`), and a skipped step
    // says what replaced it.
    const reminders = page.getByTestId('reminders').locator('li');
    await reminders.first().waitFor();
    for (const title of await page.getByTestId('reminders').locator('.reminder-title').allInnerTexts()) {
      expect(title).toMatch(
        /^(Напоминание (за \d+ рабоч\S+ д\S+|в день срока)|Эскалация: (исполнитель и руководитель|куратор)|Повторное уведомление: исполнитель, руководитель и куратор)( \(.+\))?$/,
      );
    }
    const remindersText = await page.getByTestId('reminders').innerText();
    expect(remindersText).not.toMatch(/уровень|@\d|\bd\d+\b|не понадобилось/);
    for (const skipped of await reminders.filter({ hasText: 'пропущено' }).allInnerTexts()) {
      expect(skipped).toMatch(/заменено более поздним уведомлением/);
    }

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
    // The second refusal does not hide the first: both files are listed, each with its reason.
    const refused = page.getByTestId('rejected-files').locator('li');
    expect(await refused.allInnerTexts()).toEqual([
      expect.stringMatching(/«setup\.exe» — тип файла «\.exe» не принимается/),
      expect.stringMatching(/«huge-scan\.pdf» — файл больше 20 МБ/),
    ]);
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
