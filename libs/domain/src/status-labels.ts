/** Occurrence statuses as people read them (messages, refusals); `missed` is a partner's part left unreported. */
export const STATUS_LABELS = {
  planned: 'запланировано',
  open: 'в работе',
  submitted: 'на проверке',
  returned: 'возвращено на доработку',
  approved: 'принято',
  cancelled: 'отменено',
  missed: 'не представлено',
} as const;
