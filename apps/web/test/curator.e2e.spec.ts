/**
 * Curator's main paths on the demo: import a roadmap (upload progress → the parsed plan with its flags →
 * fixes inline → launch), review reports (PDF preview, approve, return with a comment that the executor then
 * reads), decide a deadline change, and add an organization to the directory.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { call, DEMO, login, tinyPdf, tinyPng, webUrl } from './support/api';
import {
  atPhoneWidth,
  DESKTOP,
  eventually,
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
import { importFixture, isoToday } from './support/roadmap-fixture';
import { seedTasks, waitForStatus, type SeedTask } from './support/seed';

/** Submits evidence as the demo executor, the way the web app does (multipart `files`, `comment`). */
async function submitAsExecutor(executorToken: string, occurrenceId: string, label: string): Promise<void> {
  const form = new FormData();
  form.append('files', new Blob([tinyPdf(label)], { type: 'application/pdf' }), `${label}.pdf`);
  form.append('files', new Blob([tinyPng()], { type: 'image/png' }), `${label}.png`);
  form.append('comment', `Отчёт ${label}`);
  await call(executorToken, 'POST', `/occurrences/${occurrenceId}/evidence`, form);
}

describe('curator', () => {
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let errors: string[];

  beforeAll(async () => {
    browser = await launchBrowser();
    context = await newContext(browser, webUrl());
    page = await context.newPage();
    errors = watchErrors(page);
    await loginViaForm(page, DEMO.curator, DEMO.password);
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('imports a roadmap with a progress bar, sees what needs a human, fixes it inline and launches', async () => {
    const fixture = importFixture();
    await page.goto('/roadmaps');
    await page.getByRole('heading', { name: 'Импорт дорожной карты' }).waitFor();
    // Padded with blank lines so that the throttled upload shows its progress.
    const bytes = Buffer.from(fixture.text + '\n'.repeat(300 * 1024), 'utf8');
    await page
      .locator('input[type=file]')
      .setInputFiles({ name: 'дорожная-карта.txt', mimeType: 'text/plain', buffer: bytes });
    const unthrottle = await throttleUploads(page, 120 * 1024);
    const seen = await watchProgress(page, async () => {
      await page.getByRole('button', { name: 'Загрузить и распознать' }).click();
      await page.waitForURL(/\/roadmaps\/[0-9a-f-]{36}$/, { timeout: 90_000 });
    });
    await unthrottle();
    expect(seen.some((v) => v > 0 && v < 100)).toBe(true);

    // The parsed plan: every flagged term, warning and unresolved responsible is highlighted.
    await page.getByTestId('plan-table').waitFor();
    await page.getByText(/Документ распознан/).waitFor();
    await page.locator('[data-testid=term-cell][data-flagged]').first().waitFor();
    const table = page.getByTestId('plan-table');
    await table.getByText(`«${fixture.misspelt}»`).first().waitFor();
    await table.getByText(`«${fixture.unknownOrg}»`).first().waitFor();
    expect(
      await page
        .locator(
          '[data-testid=assignment][data-status=suggested], [data-testid=assignment][data-status=unresolved]',
        )
        .count(),
    ).toBeGreaterThanOrEqual(2);
    expect(await unlabeledControls(page)).toEqual([]);
    await screenshot(page, 'curator-draft-desktop');
    expect(await atPhoneWidth(page, 'curator-draft')).toBeLessThanOrEqual(0);

    // Launch is refused while anything is unresolved, with the list of blockers.
    await page.getByRole('button', { name: 'Запустить исполнение' }).click();
    const launchCard = page.getByTestId('launch-card');
    await launchCard.getByRole('alert').waitFor();
    expect(await launchCard.getByTestId('blockers').locator('li').count()).toBeGreaterThan(0);

    // The undatable term is fixed by hand: the server re-parses it.
    const flaggedTerm = page.locator('[data-testid=term-cell][data-flagged]').first();
    await flaggedTerm.getByRole('button', { name: /Исправить срок/ }).click();
    await page.getByLabel(/Срок мероприятия/).fill(`Декабрь ${new Date().getFullYear() + 1}`);
    await page.getByRole('button', { name: 'Сохранить' }).click();
    await settle(page);

    // The typo is resolved with the directory's suggestion; the unknown council is mapped to an organization.
    const typo = page.locator('[data-testid=assignment]', { hasText: `«${fixture.misspelt}»` }).first();
    await typo.locator('button.btn-link').filter({ hasNotText: 'не отслеживать' }).first().click();
    await settle(page);
    const unknown = page.locator('[data-testid=assignment]', { hasText: `«${fixture.unknownOrg}»` }).first();
    await unknown
      .locator('select')
      .selectOption({ label: 'Демонстрационный институт развития образования (ГАУ ДПО «ДИРО»)' });
    await unknown.getByRole('button', { name: 'Выбрать' }).click();
    await settle(page);

    // Whatever else is left: warnings accepted, other strings resolved, as a curator would.
    for (let i = 0; i < 30; i++) {
      if (
        await clickIfAny(
          page,
          page.locator('section[aria-labelledby=h-docwarn]').getByRole('button', { name: 'Принять' }),
        )
      )
        continue;
      if (await clickIfAny(page, page.getByTestId('row-warning').getByRole('button', { name: 'Принять' })))
        continue;
      if (await clickIfAny(page, page.getByRole('button', { name: 'Принять как есть' }))) continue;
      const pending = page
        .locator(
          '[data-testid=assignment][data-status=suggested], [data-testid=assignment][data-status=unresolved]',
        )
        .first();
      if (!(await pending.count())) break;
      const suggestion = pending.locator('button.btn-link').filter({ hasNotText: 'не отслеживать' }).first();
      if (await suggestion.count()) await suggestion.click();
      else await pending.getByRole('button', { name: 'не отслеживать' }).click();
      await settle(page);
    }
    await page.getByRole('button', { name: 'Запустить исполнение' }).click();
    await page
      .getByText(/Дорожная карта запущена/)
      .first()
      .waitFor({ timeout: 90_000 });
    await screenshot(page, 'curator-launched-desktop');

    // The order already past due at launch is marked done: evidence, and the order's number and date.
    const row = page.getByTestId('past-due-row').filter({ hasText: fixture.pastDueTitle });
    await row.getByLabel('Комментарий').fill('Выполнено до утверждения дорожной карты');
    await row
      .getByLabel(/Файлы/)
      .setInputFiles({ name: 'prikaz.pdf', mimeType: 'application/pdf', buffer: tinyPdf() });
    await row.getByRole('button', { name: 'Выполнено', exact: true }).click();
    await row.getByRole('alert').filter({ hasText: 'номер и дату документа' }).waitFor();
    await row.getByLabel('Номер документа').fill('17-р');
    await row.getByLabel('Дата документа').fill(isoToday());
    await row.getByRole('button', { name: 'Выполнено', exact: true }).click();
    await row.waitFor({ state: 'detached', timeout: 60_000 });
    expect(errors).toEqual([]);
  });

  describe('with reports of its own to review', () => {
    let tasks: SeedTask[];
    let executor: string;

    beforeAll(async () => {
      tasks = await seedTasks('проверки отчётов', 4);
      executor = await login(DEMO.executor);
    });

    it('previews the PDF, approves one report and returns another with a comment the executor then reads', async () => {
      const [toApprove, toReturn] = tasks;
      await submitAsExecutor(executor, toApprove.id, 'approve-me');
      await submitAsExecutor(executor, toReturn.id, 'return-me');
      await waitForStatus(executor, toApprove.id, ['submitted']);
      await waitForStatus(executor, toReturn.id, ['submitted']);

      await page.goto('/reviews');
      await page.getByTestId('review-queue').getByRole('button', { name: toApprove.title }).click();
      const detail = page.getByTestId('review-detail');
      await detail.getByRole('heading', { name: toApprove.title }).waitFor();
      await detail.locator('iframe[title^="Предпросмотр PDF"]').waitFor();
      // The viewer is titled with the file's name (its own toolbar would show the blob's id).
      expect(await detail.locator('.preview-name').innerText()).toBe('approve-me.pdf');
      expect(await unlabeledControls(page)).toEqual([]);
      await screenshot(page, 'curator-review-desktop');
      // Phones draw no PDF inside a page: there the preview is a link to open it and one to save it.
      await page.setViewportSize(PHONE);
      const openPdf = detail.getByRole('link', { name: 'Открыть PDF' });
      await openPdf.waitFor();
      expect(await openPdf.getAttribute('href')).toMatch(/^blob:/);
      expect(await detail.getByRole('link', { name: 'Скачать' }).getAttribute('download')).toBe(
        'approve-me.pdf',
      );
      expect(await detail.locator('iframe').count()).toBe(0);
      await page.setViewportSize(DESKTOP);
      await detail.locator('iframe[title^="Предпросмотр PDF"]').waitFor();
      expect(await atPhoneWidth(page, 'curator-review')).toBeLessThanOrEqual(0);

      await detail.getByLabel('Комментарий').fill('Принято, спасибо');
      await detail.getByRole('button', { name: 'Принять', exact: true }).click();
      await page.getByText(`Принято: ${toApprove.title}`).waitFor();

      await page.getByTestId('review-queue').getByRole('button', { name: toReturn.title }).click();
      await detail.getByRole('heading', { name: toReturn.title }).waitFor();
      // The image of the same report previews inline too.
      await detail
        .getByRole('group', { name: 'Файлы отчёта' })
        .getByRole('button', { name: 'return-me.png' })
        .click();
      await detail.getByRole('img', { name: /return-me\.png/ }).waitFor();
      const comment = `Добавьте протокол заседания (e2e ${Date.now()})`;
      await detail.getByLabel('Комментарий').fill(comment);
      await detail.getByRole('button', { name: 'Вернуть на доработку' }).click();
      await page.getByText(`Возвращено на доработку: ${toReturn.title}`).waitFor();

      expect(await waitForStatus(executor, toApprove.id, ['approved'])).toBe('approved');
      expect(await waitForStatus(executor, toReturn.id, ['returned'])).toBe('returned');

      // The executor reads the reviewer's comment on his item page.
      const execContext = await newContext(browser, webUrl());
      await useToken(execContext, executor);
      const execPage = await execContext.newPage();
      await execPage.goto(`/occurrences/${toReturn.id}`);
      await execPage.getByTestId('return-comment').getByText(comment).waitFor();
      // The return re-planned his reminders: the new ones say so, in words.
      await eventually(execPage, () =>
        execPage
          .getByTestId('reminders')
          .locator('li[data-state=planned]', { hasText: '(после возврата на доработку)' })
          .count(),
      );
      expect(await execPage.getByTestId('reminders').innerText()).not.toMatch(/@\d|уровень/);
      await screenshot(execPage, 'executor-returned-desktop');
      await execContext.close();
      expect(errors).toEqual([]);
    });

    it('approves a deadline change request', async () => {
      const task = tasks[2];
      const proposed = new Date(Date.parse(`${task.due}T00:00:00Z`) + 30 * 86_400_000)
        .toISOString()
        .slice(0, 10);
      const reason = `Перенос по письму министерства (e2e ${Date.now()})`;
      await call(executor, 'POST', `/occurrences/${task.id}/deadline-changes`, {
        proposedDue: proposed,
        reason,
      });

      await page.goto('/deadline-changes');
      const row = page.getByTestId('deadline-changes').locator('li', { hasText: reason }).first();
      await row.waitFor();
      await screenshot(page, 'curator-deadline-changes-desktop');
      expect(await atPhoneWidth(page, 'curator-deadline-changes')).toBeLessThanOrEqual(0);
      await row.getByLabel('Комментарий к решению').fill('Согласовано');
      await row.getByRole('button', { name: 'Одобрить' }).click();
      await page.getByRole('button', { name: /Решённые/ }).click();
      await page
        .getByTestId('deadline-changes')
        .locator('li', { hasText: reason })
        .getByText('Одобрено')
        .waitFor();
      const deadline = Date.now() + 30_000;
      let due = '';
      while (Date.now() < deadline && due !== proposed) {
        due = (await call<{ due: string }>(executor, 'GET', `/occurrences/${task.id}`)).due;
        if (due !== proposed) await new Promise((r) => setTimeout(r, 500));
      }
      expect(due).toBe(proposed);
    });

    it('refuses a deadline change request with a reason the executor then reads; the due date stays', async () => {
      const task = tasks[3];
      const proposed = new Date(Date.parse(`${task.due}T00:00:00Z`) + 45 * 86_400_000)
        .toISOString()
        .slice(0, 10);
      const reason = `Прошу перенести: нет данных мониторинга (e2e ${Date.now()})`;
      await call(executor, 'POST', `/occurrences/${task.id}/deadline-changes`, {
        proposedDue: proposed,
        reason,
      });

      await page.goto('/deadline-changes');
      const row = page.getByTestId('deadline-changes').locator('li', { hasText: reason }).first();
      await row.waitFor();
      // A refusal needs its reason: without one the request stays as it was.
      await row.getByRole('button', { name: 'Отказать' }).click();
      await row.getByText('Укажите причину отказа').waitFor();
      const why = 'Срок установлен приказом министерства, перенос невозможен';
      await row.getByLabel('Комментарий к решению').fill(why);
      await row.getByRole('button', { name: 'Отказать' }).click();
      await page
        .getByTestId('deadline-changes')
        .locator('li', { hasText: reason })
        .waitFor({ state: 'detached' });
      await page.getByRole('button', { name: /Решённые/ }).click();
      const decided = page.getByTestId('deadline-changes').locator('li', { hasText: reason });
      await decided.getByText('Отказано').waitFor();
      await screenshot(page, 'curator-deadline-refused-desktop');

      const after = await call<{
        due: string;
        deadlineChanges: { reason: string; status: string; decisionComment: string | null }[];
      }>(executor, 'GET', `/occurrences/${task.id}`);
      const change = after.deadlineChanges.find((d) => d.reason === reason);
      expect(change).toMatchObject({ status: 'refused', decisionComment: why });
      expect(after.due).toBe(task.due);

      // The executor reads the refusal and its reason in his item's history.
      const execContext = await newContext(browser, webUrl());
      await useToken(execContext, executor);
      const execPage = await execContext.newPage();
      await execPage.goto(`/occurrences/${task.id}`);
      await execPage
        .getByTestId('history')
        .locator('li', { hasText: 'В переносе срока отказано' })
        .getByText(why)
        .waitFor();
      await execContext.close();
      expect(errors).toEqual([]);
    });
  });

  it('adds an organization to the directory', async () => {
    await page.goto('/directory');
    await page.getByTestId('org-list').locator('li').first().waitFor();
    await screenshot(page, 'curator-directory-desktop');
    expect(await atPhoneWidth(page, 'curator-directory')).toBeLessThanOrEqual(0);
    const name = `МБОУ «Школа e2e ${Date.now() % 100000}»`;
    await page.getByRole('button', { name: 'Добавить организацию' }).click();
    const dialog = page.getByRole('dialog', { name: 'Новая организация' });
    await dialog.getByLabel('Полное название').fill(name);
    await dialog.getByLabel('Краткое название').fill('Школа e2e');
    await dialog.getByLabel('Тип').selectOption('school');
    await dialog.getByRole('button', { name: 'Сохранить' }).click();
    await page.getByText(`Сохранено: ${name}`).waitFor();
    await page.getByTestId('org-list').getByText(name).waitFor();
    expect(errors).toEqual([]);
  });
});

/** Waits until the draft has reloaded after a change. */
async function settle(page: Page): Promise<void> {
  await page.waitForLoadState('networkidle').catch(() => undefined);
  await page.waitForTimeout(200);
}

async function clickIfAny(page: Page, locator: ReturnType<Page['locator']>): Promise<boolean> {
  if (!(await locator.count())) return false;
  await locator.first().click();
  await settle(page);
  return true;
}
