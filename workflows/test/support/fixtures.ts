/** Shared test data: people, organizations and launch inputs in the shape the control plane sends. */
import type { ActivityWorkflowInput, OccurrenceInput, Participants, Person } from '../../src/messages';

export const person = (userId: string, name = userId): Person => ({
  userId,
  email: `${userId}@demo.karta`,
  name,
});

export const EXECUTOR = person('executor', 'Иванова Мария Петровна');
export const HEAD = person('head', 'Петров Сергей Иванович');
export const CURATOR = person('curator', 'Сидорова Анна Викторовна');
export const PARTNER_EXECUTOR = person('partner-executor', 'Кузнецов Олег Андреевич');
export const PARTNER_HEAD = person('partner-head', 'Орлова Елена Николаевна');

export const participants = (withPartner = false): Participants => ({
  organizations: [
    { organizationId: 'koiro', name: 'КОИРО', lead: true, executors: [EXECUTOR], heads: [HEAD] },
    ...(withPartner
      ? [
          {
            organizationId: 'muni',
            name: 'Управление образования г. Костромы',
            lead: false,
            executors: [PARTNER_EXECUTOR],
            heads: [PARTNER_HEAD],
          },
        ]
      : []),
  ],
  curators: [CURATOR],
});

export const deadline = (
  occurrenceId: string,
  due: string,
  start: string | null = null,
): OccurrenceInput => ({
  occurrenceId,
  start,
  due,
  kind: 'deadline',
});

export function launchInput(overrides: Partial<ActivityWorkflowInput> = {}): ActivityWorkflowInput {
  return {
    roadmapId: 'roadmap-1',
    activityId: 'act-1',
    number: '2.3',
    title: 'Проведение региональной олимпиады по финансовой грамотности',
    tz: 'Europe/Moscow',
    termKind: 'once',
    occurrences: [],
    participants: participants(),
    ...overrides,
  };
}

export const executorActor = { userId: EXECUTOR.userId, role: 'executor' as const };
export const curatorActor = { userId: CURATOR.userId, role: 'curator' as const };
