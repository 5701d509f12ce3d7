/**
 * Head's main path on the demo: «Моя организация» lists the overdue and due-soon items of his organization
 * and its children by executor; he reassigns one (and gives it back) and writes the reason for a delay.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { call, DEMO, login, webUrl } from './support/api';
import {
  atPhoneWidth,
  launchBrowser,
  loginViaForm,
  newContext,
  screenshot,
  unlabeledControls,
  watchErrors,
} from './support/browser';

interface Detail {
  executors: { userId: string; fullName: string; organizationId: string }[];
  delayNote: string | null;
}

describe('head: «Моя организация»', () => {
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let errors: string[];
  let head: string;

  beforeAll(async () => {
    browser = await launchBrowser();
    context = await newContext(browser, webUrl());
    page = await context.newPage();
    errors = watchErrors(page);
    head = await login(DEMO.head);
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('sees the overdue items of his organization by executor, on a laptop and a phone', async () => {
    await loginViaForm(page, DEMO.head, DEMO.password);
    await page.waitForURL(/\/organization$/);
    await page.getByRole('heading', { name: 'Моя организация' }).waitFor();
    await page.getByTestId('executor-group').first().waitFor();

    // «Скоро» counts working days, as «Мои задачи» does, and says so.
    await page.getByText('Срок в ближайшие 10 рабочих дней').waitFor();
    await page.getByRole('button', { name: /^Скоро срок/ }).click();
    for (const days of await page.locator('[data-testid=task] .days').allInnerTexts()) {
      const n = /осталось (\d+) рабоч/.exec(days)?.[1] ?? (/срок сегодня/.test(days) ? '0' : null);
      expect(n).not.toBeNull();
      expect(Number(n)).toBeLessThanOrEqual(10);
    }

    await page.getByRole('button', { name: /^Просрочено/ }).click();
    expect(await page.locator('[data-testid=task].task-overdue').count()).toBeGreaterThan(0);
    expect(await page.getByTestId('executor-group').first().getByRole('heading').innerText()).toMatch(
      /\p{L}/u,
    );
    expect(await unlabeledControls(page)).toEqual([]);
    await screenshot(page, 'head-organization-desktop');
    expect(await atPhoneWidth(page, 'head-organization')).toBeLessThanOrEqual(0);
  });

  it('reassigns an overdue item to another employee, then gives it back', async () => {
    const item = page.locator('[data-testid=task].task-overdue').first();
    const id = (await item.getAttribute('data-id'))!;
    const before = await call<Detail>(head, 'GET', `/occurrences/${id}`);
    const original = before.executors[0];

    await item.getByRole('button', { name: 'Переназначить' }).click();
    const dialog = page.getByRole('dialog', { name: 'Переназначить исполнителя' });
    const select = dialog.getByLabel('Новый исполнитель');
    await select.locator('option').nth(1).waitFor({ state: 'attached' });
    const values = (
      await select
        .locator('option:not([disabled])')
        .evaluateAll((els) => els.map((e) => (e as unknown as { value: string }).value))
    ).filter(Boolean);
    expect(values.length).toBeGreaterThan(0);
    const chosenName = (await select.locator(`option[value="${values[0]}"]`).innerText())
      .split(',')[0]
      .trim();
    await select.selectOption(values[0]);
    await screenshot(page, 'head-reassign-desktop');
    await dialog.getByRole('button', { name: 'Назначить' }).click();
    await page.getByText(`Исполнитель назначен: ${chosenName}`).waitFor();

    // The item moves to the new executor's group once the workflow has taken the change.
    await page.getByRole('button', { name: /^Все/ }).click();
    const deadline = Date.now() + 30_000;
    while (
      !(await page
        .getByRole('region', { name: `Исполнитель: ${chosenName}` })
        .locator(`[data-testid=task][data-id="${id}"]`)
        .count())
    ) {
      if (Date.now() > deadline) throw new Error(`item ${id} did not move to ${chosenName}`);
      await page.waitForTimeout(700);
      await page.reload();
      await page.getByTestId('executor-group').first().waitFor();
    }
    const after = await call<Detail>(head, 'GET', `/occurrences/${id}`);
    expect(after.executors.map((e) => e.userId)).toEqual([values[0]]);

    // Back to whoever had it, so the other suites find the demo as it was.
    await call(
      head,
      'POST',
      `/activities/${(await call<{ activityId: string }>(head, 'GET', `/occurrences/${id}`)).activityId}/executors`,
      {
        organizationId: original.organizationId,
        userIds: before.executors
          .filter((e) => e.organizationId === original.organizationId)
          .map((e) => e.userId),
      },
    );
  });

  it('writes the reason for a delay', async () => {
    await page.reload();
    await page.getByRole('button', { name: /^Просрочено/ }).click();
    const item = page.locator('[data-testid=task].task-overdue').first();
    const id = (await item.getAttribute('data-id'))!;
    await item.getByRole('button', { name: /Причина задержки|Изменить причину/ }).click();
    const dialog = page.getByRole('dialog', { name: 'Причина задержки' });
    const note = `Исполнитель на больничном, отчёт будет через неделю (${Date.now()})`;
    await dialog.getByLabel('Пояснение руководителя').fill(note);
    await dialog.getByRole('button', { name: 'Сохранить' }).click();
    await page.getByText(`Причина задержки сохранена: ${note}`).waitFor();
    await screenshot(page, 'head-delay-note-desktop');
    expect((await call<Detail>(head, 'GET', `/occurrences/${id}`)).delayNote).toBe(note);
    expect(errors).toEqual([]);
  });
});
