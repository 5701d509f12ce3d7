import {
  acronym,
  isConfident,
  isPositionTitle,
  parsePersonName,
  suggestOrganizations,
  suggestPeople,
} from './matching';

const orgs = [
  {
    id: 'koiro',
    name: 'Костромской областной институт развития образования',
    shortName: 'ОГБОУ ДПО «КОИРО»',
    aliases: ['КОИРО'],
  },
  {
    id: 'cnppm',
    name: 'Центр непрерывного повышения профессионального мастерства педагогических работников',
    shortName: null,
    aliases: ['ЦНППМ'],
  },
  { id: 'dep', name: 'Департамент образования и науки Костромской области', shortName: null, aliases: [] },
  {
    id: 'omsu',
    name: 'Органы местного самоуправления, осуществляющие управление в сфере образования',
    shortName: 'ОМСУ',
    aliases: [],
  },
];

describe('directory matching', () => {
  it('matches aliases through legal-form prefixes and quotes', () => {
    const s = suggestOrganizations('ОГБОУ ДПО «КОИРО»', orgs);
    expect(s[0]).toMatchObject({ id: 'koiro', score: 1 });
    expect(isConfident(s)).toBe(true);
  });

  it('builds abbreviations from names', () => {
    expect(acronym('Центр непрерывного повышения профессионального мастерства')).toBe('цнппм');
  });

  it('offers the typo ЦНППИМ for ЦНППМ without resolving it silently', () => {
    const s = suggestOrganizations('ЦНППИМ', orgs);
    expect(s[0]).toMatchObject({ id: 'cnppm', reason: 'typo' });
    expect(s[0].score).toBeGreaterThanOrEqual(0.75);
    expect(isConfident(s)).toBe(false);
  });

  it('matches long names by their words', () => {
    const s = suggestOrganizations('Департамент образования и науки Костромской области', orgs);
    expect(s[0]).toMatchObject({ id: 'dep', score: 1 });
    expect(suggestOrganizations('департамента образования Костромской обл.', orgs)[0]?.id).toBe('dep');
  });

  it('treats a spelled-out legal form like its abbreviation', () => {
    const school = [
      {
        id: 's',
        name: 'Муниципальное бюджетное общеобразовательное учреждение «Средняя школа № 1 г. Примерска»',
        shortName: null,
        aliases: [],
      },
    ];
    expect(isConfident(suggestOrganizations('МБОУ «Средняя школа № 1 г. Примерска»', school))).toBe(true);
  });

  it('leaves unknown strings unresolved', () => {
    expect(suggestOrganizations('Субъекты системы научно-методического сопровождения', orgs)).toEqual([]);
  });

  it('matches people by surname and initials, in either order, and tolerates one typo', () => {
    const people = [
      { id: 'a', fullName: 'Шешерина Галина Александровна' },
      { id: 'b', fullName: 'Полунина Наталья Леонидовна' },
      { id: 'c', fullName: 'Шешерина Ольга Петровна' },
    ];
    expect(parsePersonName('Шешерина Г.А.')).toEqual({ surname: 'шешерина', initials: 'га' });
    expect(parsePersonName('Г.А. Шешерина')).toEqual({ surname: 'шешерина', initials: 'га' });
    const s = suggestPeople('Шешерина Г.А.', people);
    expect(s[0]).toMatchObject({ id: 'a', reason: 'initials' });
    expect(isConfident(s)).toBe(true);
    expect(suggestPeople('Полунана Н.Л.', people)[0]).toMatchObject({ id: 'b', reason: 'typo' });
  });

  it('recognises positions', () => {
    expect(isPositionTitle('Ректор')).toBe(true);
    expect(isPositionTitle('Руководитель Центра')).toBe(true);
    expect(isPositionTitle('Мирзаева Т.В.')).toBe(false);
  });
});
