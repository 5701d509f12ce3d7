export const ROLES = ['executor', 'head', 'curator', 'admin'] as const;
export type Role = (typeof ROLES)[number];

export const ORGANIZATION_KINDS = ['ministry', 'institute', 'municipal', 'school', 'other'] as const;
export type OrganizationKind = (typeof ORGANIZATION_KINDS)[number];

export const ORGANIZATION_KIND_LABELS: Record<OrganizationKind, string> = {
  ministry: 'Министерство (орган управления образованием)',
  institute: 'Институт / региональный центр',
  municipal: 'Муниципальный орган управления образованием',
  school: 'Образовательная организация',
  other: 'Другая организация',
};

export const ROLE_LABELS: Record<Role, string> = {
  executor: 'Исполнитель',
  head: 'Руководитель организации',
  curator: 'Куратор (министерство)',
  admin: 'Администратор',
};
