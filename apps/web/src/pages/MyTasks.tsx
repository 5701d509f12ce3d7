import { useMemo, useState } from 'react';
import { getMyTasks } from '../api/endpoints';
import { useAuth } from '../auth';
import { groupOf, TaskCard, SOON_WORKING_DAYS, type TaskGroup } from '../components/TaskCard';
import { Empty, ErrorBox, Loading, PageHeader, Stat } from '../components/ui';
import type { Task } from '../api/types';
import { useAsync } from '../lib/useAsync';
import { effectiveDue } from '../lib/workdays';
import { pluralize } from '../lib/format';

const SECTIONS: { key: TaskGroup; title: string; hint: string }[] = [
  { key: 'overdue', title: 'Просрочено', hint: 'Срок прошёл, отчёт не отправлен' },
  { key: 'returned', title: 'Возвращено на доработку', hint: 'Куратор вернул отчёт с комментарием' },
  { key: 'soon', title: 'Скоро срок', hint: `В ближайшие ${SOON_WORKING_DAYS} рабочих дней` },
  { key: 'upcoming', title: 'Предстоящие', hint: 'Сроки позже' },
  { key: 'submitted', title: 'На проверке', hint: 'Отчёт отправлен, ждёт решения куратора' },
  { key: 'done', title: 'Выполнено', hint: 'Принятые и отменённые' },
];

export function MyTasksPage() {
  const { me } = useAuth();
  const tz = me?.region?.timezone ?? me?.region?.tz;
  const { data, error, loading, reload } = useAsync((signal) => getMyTasks(signal), []);
  const [showDone, setShowDone] = useState(false);

  const groups = useMemo(() => {
    const map = new Map<TaskGroup, Task[]>(SECTIONS.map((s) => [s.key, []]));
    for (const t of data ?? []) map.get(groupOf(t, tz))!.push(t);
    for (const list of map.values()) list.sort((a, b) => effectiveDue(a).localeCompare(effectiveDue(b)));
    return map;
  }, [data, tz]);

  const count = (k: TaskGroup) => groups.get(k)?.length ?? 0;
  const openCount = (data?.length ?? 0) - count('done');

  return (
    <>
      <PageHeader
        title="Мои задачи"
        lead={
          data
            ? `${pluralize(openCount, ['мероприятие', 'мероприятия', 'мероприятий'])} в работе. Сроки считаются в рабочих днях по производственному календарю.`
            : undefined
        }
      />
      <ErrorBox error={error} retry={reload} />
      {loading && !data && <Loading />}
      {data && (
        <>
          <div className="stats" aria-label="Сводка">
            <Stat
              label="Просрочено"
              value={count('overdue')}
              tone={count('overdue') ? 'danger' : undefined}
            />
            <Stat
              label="На доработке"
              value={count('returned')}
              tone={count('returned') ? 'warning' : undefined}
            />
            <Stat label="Скоро срок" value={count('soon')} />
            <Stat label="На проверке" value={count('submitted')} />
          </div>
          {data.length === 0 && (
            <Empty>Задач нет. Когда вам назначат мероприятие дорожной карты, оно появится здесь.</Empty>
          )}
          {SECTIONS.filter((s) => s.key !== 'done' || showDone).map((s) => {
            const list = groups.get(s.key)!;
            if (!list.length) return null;
            return (
              <section key={s.key} aria-labelledby={`sec-${s.key}`} data-testid={`section-${s.key}`}>
                <div className="group-head">
                  <h2 id={`sec-${s.key}`} className="section-title">
                    {s.title} <span className="count">{list.length}</span>
                  </h2>
                  <span className="muted small">{s.hint}</span>
                </div>
                <ul className="task-list">
                  {list.map((t) => (
                    <TaskCard key={t.id} task={t} tz={tz} />
                  ))}
                </ul>
              </section>
            );
          })}
          {count('done') > 0 && (
            <p>
              <button
                type="button"
                className="btn btn-ghost"
                onClick={() => setShowDone((v) => !v)}
                aria-expanded={showDone}
              >
                {showDone ? 'Скрыть выполненные' : `Показать выполненные (${count('done')})`}
              </button>
            </p>
          )}
        </>
      )}
    </>
  );
}
