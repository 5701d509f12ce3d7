/**
 * Order-preserving XML (fast-xml-parser `preserveOrder`) and tiny accessors over its node shape:
 * `{ "w:p": [children…], ":@": { attributes } }`, text as `{ "#text": "…" }`.
 */
import { XMLParser } from 'fast-xml-parser';

export type XNode = Record<string, unknown>;

const parser = new XMLParser({
  preserveOrder: true,
  ignoreAttributes: false,
  attributeNamePrefix: '',
  trimValues: false,
  parseTagValue: false,
  parseAttributeValue: false,
});

export const parseXml = (xml: string): XNode[] => parser.parse(xml) as XNode[];
export const tagOf = (n: XNode): string => Object.keys(n).find((k) => k !== ':@') ?? '';
export const kids = (n: XNode): XNode[] => {
  const v = n[tagOf(n)];
  return Array.isArray(v) ? (v as XNode[]) : [];
};
export const attr = (n: XNode, name: string): string | undefined =>
  (n[':@'] as Record<string, string> | undefined)?.[name];
export const child = (n: XNode, tag: string): XNode | undefined => kids(n).find((k) => tagOf(k) === tag);
