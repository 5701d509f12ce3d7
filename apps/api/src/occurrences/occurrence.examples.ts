/** OpenAPI examples of the occurrence routes, in the shapes OccurrencesService and ReviewService return. */
import { EX, ROADMAP_TITLE } from '../common/api-docs';

const SHA256 = 'ce388e09be4bb1fd3d3595bf39c46054ae5d412a9f84d2a27c47ae04dd519730';
const EXECUTOR = { id: EX.executor, fullName: 'Иванова Мария Сергеевна' };
const CURATOR = { id: EX.curator, fullName: 'Смирнова Ольга Викторовна' };

/** `GET /api/occurrences/:id`: returned for rework once, a deadline change refused. */
export const OCCURRENCE_EXAMPLE = {
  id: EX.occurrence,
  activityId: EX.activity,
  roadmapId: EX.roadmap,
  roadmapTitle: ROADMAP_TITLE,
  number: '1.2.',
  section: ['Направление 1 «Управление системой научно-методического сопровождения»'],
  title: 'Проведение мониторинга профессиональных дефицитов педагогических работников',
  term: 'до 29.11.2024',
  result: 'Аналитическая справка',
  expectsDocument: false,
  kind: 'deadline',
  label: null,
  seq: 1,
  start: null,
  baselineDue: '2024-11-29',
  due: '2024-11-29',
  reworkDue: '2024-12-05',
  status: 'returned',
  overdue: false,
  escalationLevel: 0,
  outcome: null,
  outcomeReason: null,
  delayNote: null,
  pastDueAtLaunch: false,
  pastDueDecision: null,
  organizations: [
    {
      organizationId: EX.institute,
      name: 'Демонстрационный институт развития образования',
      lead: true,
      status: 'returned',
      overdue: false,
      escalationLevel: 0,
      reworkDue: '2024-12-05',
      late: false,
    },
  ],
  executors: [{ userId: EX.executor, organizationId: EX.institute, fullName: 'Иванова Мария Сергеевна' }],
  reminders: [
    {
      at: '2024-11-15T06:00:00.000Z',
      kind: 'reminder',
      level: 'd10',
      sent: true,
      state: 'sent',
      sentAt: '2024-11-15T06:00:03.000Z',
      recipients: ['executor'],
      organizationId: EX.institute,
    },
    {
      at: '2024-11-26T06:00:00.000Z',
      kind: 'reminder',
      level: 'd3',
      sent: true,
      state: 'sent',
      sentAt: '2024-11-26T06:00:02.000Z',
      recipients: ['executor'],
      organizationId: EX.institute,
    },
    {
      at: '2024-11-29T06:00:00.000Z',
      kind: 'reminder',
      level: 'd0',
      sent: false,
      state: 'skipped',
      sentAt: null,
      recipients: ['executor'],
      organizationId: EX.institute,
    },
    {
      at: '2024-12-05T06:00:00.000Z',
      kind: 'reminder',
      level: 'd0@1',
      sent: false,
      state: 'planned',
      sentAt: null,
      recipients: ['executor'],
      organizationId: EX.institute,
    },
    {
      at: '2024-12-06T06:00:00.000Z',
      kind: 'escalation',
      level: '1@1',
      sent: false,
      state: 'planned',
      sentAt: null,
      recipients: ['executor', 'head'],
      organizationId: EX.institute,
    },
  ],
  evidence: [
    {
      id: EX.evidence,
      version: 1,
      state: 'accepted',
      stateReason: null,
      comment: 'Аналитическая справка по итогам мониторинга во вложении',
      documentNumber: null,
      documentDate: null,
      organizationId: EX.institute,
      submittedBy: EXECUTOR,
      onBehalfOf: null,
      createdAt: '2024-11-27T09:41:12.000Z',
      files: [
        {
          id: EX.file,
          fileName: 'Справка по итогам мониторинга.pdf',
          size: 48213,
          mimeType: 'application/pdf',
          sha256: SHA256,
          url: `/api/evidence/files/${EX.file}`,
        },
      ],
    },
  ],
  reviews: [
    {
      id: EX.review,
      evidenceId: EX.evidence,
      decision: 'return',
      state: 'accepted',
      stateReason: null,
      comment: 'Справка не подписана руководителем',
      reworkDue: '2024-12-05',
      outcomeReason: null,
      reviewer: CURATOR,
      onBehalfOfId: null,
      createdAt: '2024-11-28T12:05:33.000Z',
    },
  ],
  deadlineChanges: [
    {
      id: EX.deadlineChange,
      currentDue: '2024-11-29',
      proposedDue: '2024-12-20',
      reason: 'Часть муниципалитетов не представила данные мониторинга',
      status: 'refused',
      decisionComment: 'Срок установлен приказом министерства',
      requestedBy: 'Иванова Мария Сергеевна',
      createdAt: '2024-11-20T07:12:45.000Z',
      decidedAt: '2024-11-21T10:30:00.000Z',
    },
  ],
};

/** `GET /api/occurrences/:id/history`: audit events, oldest first. */
export const HISTORY_EXAMPLE = [
  {
    at: '2024-11-27T09:41:12.000Z',
    action: 'evidence.submitted',
    actor: EXECUTOR,
    onBehalfOf: null,
    entityType: 'evidence',
    entityId: EX.evidence,
    before: null,
    after: {
      occurrenceId: EX.occurrence,
      version: 1,
      files: [
        {
          fileName: 'Справка по итогам мониторинга.pdf',
          size: 48213,
          mimeType: 'application/pdf',
          sha256: SHA256,
        },
      ],
      comment: 'Аналитическая справка по итогам мониторинга во вложении',
    },
  },
  {
    at: '2024-11-28T12:05:33.000Z',
    action: 'review.return',
    actor: CURATOR,
    onBehalfOf: null,
    entityType: 'review',
    entityId: EX.review,
    before: { status: 'submitted' },
    after: {
      occurrenceId: EX.occurrence,
      decision: 'return',
      comment: 'Справка не подписана руководителем',
    },
  },
];

/** The occurrence part of an approve / return answer (ReviewService.decide). */
export const decided = (status: string, extra: Record<string, unknown> = {}) => ({
  id: EX.occurrence,
  status,
  due: '2024-11-29',
  reworkDue: null,
  outcome: null,
  outcomeReason: null,
  ...extra,
});
