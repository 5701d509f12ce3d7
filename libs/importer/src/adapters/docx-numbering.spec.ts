import { Numbering } from './docx-numbering';
import { parseXml } from './xml';

const numbering = (levels: string, overrides = '') =>
  parseXml(`<w:numbering xmlns:w="w">
    <w:abstractNum w:abstractNumId="7">${levels}</w:abstractNum>
    <w:num w:numId="1"><w:abstractNumId w:val="7"/></w:num>
    <w:num w:numId="2"><w:abstractNumId w:val="7"/>${overrides}</w:num>
  </w:numbering>`);

const lvl = (ilvl: number, fmt: string, text: string, start = 1) =>
  `<w:lvl w:ilvl="${ilvl}"><w:start w:val="${start}"/><w:numFmt w:val="${fmt}"/><w:lvlText w:val="${text}"/></w:lvl>`;

describe('Word automatic numbering', () => {
  it('counts levels, restarts deeper ones and formats each level its own way', () => {
    const n = new Numbering(
      numbering(lvl(0, 'upperRoman', '%1.') + lvl(1, 'decimal', '%1.%2.') + lvl(2, 'russianLower', '%3)')),
      [],
    );
    const ref = (ilvl: number) => ({ numId: '1', ilvl });
    expect([
      n.label(ref(0)),
      n.label(ref(1)),
      n.label(ref(1)),
      n.label(ref(2)),
      n.label(ref(2)),
      n.label(ref(0)),
      n.label(ref(1)),
    ]).toEqual(['I.', 'I.1.', 'I.2.', 'а)', 'б)', 'II.', 'II.1.']);
  });

  it('keeps a counter per list, honours start overrides, shows symbol bullets as •', () => {
    const n = new Numbering(
      numbering(
        lvl(0, 'decimal', '%1.', 3) + lvl(1, 'bullet', '\uf0b7'),
        '<w:lvlOverride w:ilvl="0"><w:startOverride w:val="10"/></w:lvlOverride>',
      ),
      [],
    );
    expect([
      n.label({ numId: '1', ilvl: 0 }),
      n.label({ numId: '2', ilvl: 0 }),
      n.label({ numId: '1', ilvl: 0 }),
      n.label({ numId: '1', ilvl: 1 }),
    ]).toEqual(['3.', '10.', '4.', '•']);
    expect(n.label({ numId: '0', ilvl: 0 })).toBe('');
    expect(n.label(null)).toBe('');
  });

  it('takes numbering from a paragraph style', () => {
    const styles = parseXml(
      '<w:styles xmlns:w="w"><w:style w:styleId="List"><w:pPr><w:numPr><w:numId w:val="1"/><w:ilvl w:val="0"/></w:numPr></w:pPr></w:style></w:styles>',
    );
    const n = new Numbering(numbering(lvl(0, 'decimal', '%1)')), styles);
    expect([n.label(null, 'List'), n.label(null, 'List')]).toEqual(['1)', '2)']);
  });
});
