/**
 * Small roadmaps in the seeds' shape (the text rendering of a Word table the demo uses: the approving order
 * above, tab-separated cells, a section row, executors as surnames with initials), written against the
 * demo directory (ГАУ ДПО «ДИРО», Иванова М.С. and Ковалёв А.П.) with dates relative to today.
 */
import { MONTH_NAMES_GENITIVE } from '../../../../libs/terms/src/months';

export function isoToday(): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Moscow' }).format(new Date());
}

function addDays(iso: string, days: number): string {
  const d = new Date(`${iso}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

const ru = (iso: string) => iso.split('-').reverse().join('.');

function document(title: string, rows: string[][], today = isoToday()): string {
  const year = Number(today.slice(0, 4));
  return [
    '',
    'Приложение',
    '',
    'Утвержден',
    'приказом министерства образования',
    'Демонстрационной области',
    `от «${Number(today.slice(8, 10))}» ${MONTH_NAMES_GENITIVE[Number(today.slice(5, 7)) - 1]} ${year} г. № 202`,
    '',
    `**${title} на период ${year - 1}-${year + 1} годы**`,
    '',
    '№\tНаименование мероприятия\tОтветственный субъект\tОтветственный исполнитель (соисполнители)\tСрок\tРезультат выполнения мероприятия',
    ...rows.map((r) => r.join('\t')),
    '',
    'Министр образования Демонстрационной области\t\t\t\t\t',
    '',
  ].join('\n');
}

/**
 * For the import test: one clean row, one responsible with a typo (`ЦНППИМ` for the alias `ЦНППМ`), one
 * responsible the directory does not know, one term nobody can date, a numbering gap the importer warns
 * about, and an order already past due at launch.
 */
export function importFixture(stamp = Date.now()): {
  text: string;
  title: string;
  misspelt: string;
  unknownOrg: string;
  /** An activity already past due when the plan is launched, whose result is an order. */
  pastDueTitle: string;
} {
  const pastDueTitle = 'Утверждение состава региональных наставников';
  const today = isoToday();
  const d = (n: number) => ru(addDays(today, n));
  const title = `План мероприятий («дорожная карта») по развитию наставничества педагогических работников (e2e ${stamp})`;
  const misspelt = 'ЦНППИМ';
  const unknownOrg = 'Научно-координационный совет по наставничеству';
  const rows = [
    ['Направление 1 «Организационное обеспечение наставничества»', '', '', '', '', ''],
    [
      '1.1.',
      'Разработка регионального положения о наставничестве',
      'ГАУ ДПО «ДИРО»',
      'Иванова М.С.',
      `до ${d(40)}`,
      'Приказ министерства об утверждении положения',
    ],
    [
      '1.2.',
      'Мониторинг реализации программ наставничества',
      misspelt,
      'Иванова М.С.',
      `до ${d(55)}`,
      'Аналитическая справка',
    ],
    [
      '1.4.',
      'Стратегическая сессия с муниципальными координаторами наставничества',
      unknownOrg,
      'Ковалёв А.П.',
      'по мере формирования состава совета',
      'Протокол сессии',
    ],
    ['Направление 2 «Методическое сопровождение»', '', '', '', '', ''],
    [
      '2.1.',
      'Обновление банка лучших практик наставничества',
      'ГАУ ДПО «ДИРО»',
      'Иванова М.С.',
      `до ${d(70)}`,
      'Банк практик на сайте',
    ],
    [
      '2.2.',
      pastDueTitle,
      'ГАУ ДПО «ДИРО»',
      'Иванова М.С.',
      `до ${d(-10)}`,
      'Приказ министерства о составе региональных наставников',
    ],
  ];
  return { text: document(title, rows), title, misspelt, unknownOrg, pastDueTitle };
}

/** For tests that need items of their own: `n` clean activities of the demo executor, due in 3–8 weeks. */
export function seedFixture(label: string, n: number): { text: string; title: string; titles: string[] } {
  const today = isoToday();
  const stamp = Date.now().toString(36);
  const title = `План мероприятий («дорожная карта») для проверки ${label} (e2e ${stamp})`;
  const titles = Array.from(
    { length: n },
    (_, i) => `Мероприятие ${label} № ${i + 1} (${stamp}): подготовка методических материалов`,
  );
  const rows = [
    ['Направление 1 «Проверка»', '', '', '', '', ''],
    ...titles.map((t, i) => [
      `1.${i + 1}.`,
      t,
      'ГАУ ДПО «ДИРО»',
      'Иванова М.С.',
      `до ${ru(addDays(today, 21 + 7 * i))}`,
      'Аналитическая справка',
    ]),
  ];
  return { text: document(title, rows), title, titles };
}
