/** OpenAPI examples of the roadmap routes, in the shapes RoadmapsService and LaunchService return. */
import { EX, ROADMAP_TITLE } from '../common/api-docs';

/** `view()` in roadmaps.service.ts: a roadmap without its activities. */
export const ROADMAP_VIEW = {
  id: EX.roadmap,
  regionId: EX.region,
  title: ROADMAP_TITLE,
  status: 'draft',
  version: 4,
  approved: {
    by: 'приказом министерства образования Демонстрационной области',
    number: '101',
    date: '2024-09-02',
  },
  period: { from: '2023-01-01', to: '2025-12-31' },
  source: {
    fileName: 'Дорожная карта НМС 2023-2025.docx',
    format: 'docx',
    sha256: '9b74c9897bac770ffc029102a200c5de6b2f6e2f1e5c7c8d2f6c9b1e0a3d4f51',
    size: 48640,
  },
  launchedAt: null,
  launchDate: null,
  closedAt: null,
  createdAt: '2024-09-02T08:31:07.000Z',
};

export const RESPONSIBLE_BLOCKER = {
  kind: 'responsible',
  activityId: EX.activity2,
  number: '2.3.',
  ref: EX.assignment,
  message: '№ 2.3.: ответственный «ЦНППИМ» не сопоставлен со справочником',
};

const TERM_BLOCKER = {
  kind: 'term',
  activityId: EX.activity,
  number: '2.4.',
  ref: null,
  message:
    '№ 2.4.: срок «по мере необходимости» не распознан однозначно (по событию («по мере необходимости»): даты нет, пока событие не наступит; ответственный за дату не назван)',
};

export const BLOCKED = {
  code: 'launch_blocked',
  message: 'Запуск невозможен: нерешённых вопросов — 2',
  blockers: [RESPONSIBLE_BLOCKER, TERM_BLOCKER],
};

/** `GET /api/roadmaps/:id`: a draft with one activity whose responsible organization is still a suggestion. */
export const ROADMAP_DETAIL = {
  ...ROADMAP_VIEW,
  warnings: [{ message: 'Строка 41: в ячейке «Срок» два значения', line: 41, accepted: true }],
  blockers: [RESPONSIBLE_BLOCKER],
  activities: [
    {
      id: EX.activity2,
      ordinal: 6,
      number: '2.3.',
      section: ['Направление 2 «Сопровождение педагогических работников»'],
      parent: null,
      title: 'Реализация программ повышения квалификации по выявленным дефицитам',
      term: {
        raw: 'до 29.11.2024',
        kind: 'once',
        needsReview: false,
        reason: null,
        external: null,
        occurrences: [{ start: null, due: '2024-11-29' }],
        window: { start: null, end: '2024-11-29' },
      },
      termAccepted: false,
      result: 'Программа ДПО, списки слушателей',
      scheduleHints: [],
      sourceLine: 27,
      warnings: [],
      workflowId: null,
      assignments: [
        {
          id: EX.assignment,
          kind: 'responsible',
          raw: 'ЦНППИМ',
          status: 'suggested',
          organizationId: null,
          userId: null,
          lead: false,
          suggestions: [
            {
              id: EX.institute,
              label: 'Демонстрационный институт развития образования',
              score: 0.84,
              reason: 'typo',
            },
          ],
        },
        {
          id: 'c1e3a5b7-d9f1-4b3d-8e5f-7a9c1e3b5d27',
          kind: 'executor',
          raw: 'Иванова М.С.',
          status: 'resolved',
          organizationId: EX.institute,
          userId: EX.executor,
          lead: false,
          suggestions: [
            { id: EX.executor, label: 'Иванова Мария Сергеевна', score: 0.97, reason: 'initials' },
          ],
        },
      ],
      needsReview: true,
    },
  ],
};

/** An activity_assignments row as saved (`POST …/assignments`, `PATCH …/assignments/:id`). */
export const ASSIGNMENT = {
  id: EX.assignment,
  activityId: EX.activity2,
  kind: 'responsible',
  position: 0,
  raw: 'ЦНППИМ',
  status: 'resolved',
  organizationId: EX.institute,
  userId: null,
  suggestions: [
    {
      id: EX.institute,
      label: 'Демонстрационный институт развития образования',
      score: 0.84,
      reason: 'typo',
    },
  ],
  lead: true,
};

export const PAST_DUE_ITEM = {
  occurrenceId: EX.occurrence2,
  activityId: EX.activity,
  number: '1.1.',
  title: 'Актуализация регионального положения о системе научно-методического сопровождения',
  due: '2024-08-30',
  status: 'open',
  decision: 'pending',
  expectsDocument: true,
};
