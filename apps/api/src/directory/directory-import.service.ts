import { Injectable } from '@nestjs/common';
import { InjectEntityManager } from '@nestjs/typeorm';
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { EntityManager } from 'typeorm';
import {
  assert,
  canManageDirectory,
  invalid,
  isConfident,
  normalize,
  ORGANIZATION_KINDS,
  OrganizationKind,
  ROLES,
  Role,
  suggestOrganizations,
} from '@karta/domain';
import { Organization, RoleAssignment, User } from '@karta/persistence';
import { randomToken } from '../auth/passwords';
import { AccessService } from '../common/access.service';
import { AuditService } from '../common/audit.service';
import type { AuthUser } from '../common/auth-user';

type Row = Record<string, string>;

export interface ImportReport {
  created: number;
  updated: number;
  skipped: number;
  errors: Array<{ row: number; message: string }>;
}

const KIND_WORDS: Array<[RegExp, OrganizationKind]> = [
  [/министерств|департамент|управлени[ея] образования/iu, 'ministry'],
  [/институт|центр|ирo|иро|academ/iu, 'institute'],
  [/муницип|омсу|отдел образования|район|округ/iu, 'municipal'],
  [/школ|гимнази|лице|сош|оош|колледж|детский сад/iu, 'school'],
];

const ROLE_WORDS: Record<string, Role> = {
  executor: 'executor',
  исполнитель: 'executor',
  head: 'head',
  руководитель: 'head',
  директор: 'head',
  ректор: 'head',
  curator: 'curator',
  куратор: 'curator',
  admin: 'admin',
  администратор: 'admin',
};

/** Bulk directory import from CSV (`;` or `,`) or XLSX: organizations, then people with their roles. */
@Injectable()
export class DirectoryImportService {
  constructor(
    @InjectEntityManager() private readonly manager: EntityManager,
    private readonly access: AccessService,
    private readonly audit: AuditService,
  ) {}

  async readRows(file: { buffer: Buffer; originalname: string } | undefined): Promise<Row[]> {
    if (!file?.buffer?.length)
      throw invalid('file_required', 'Приложите файл CSV или XLSX в поле file', { field: 'file' });
    const isZip = file.buffer[0] === 0x50 && file.buffer[1] === 0x4b;
    let table: string[][];
    if (isZip) {
      const book = new ExcelJS.Workbook();
      try {
        await book.xlsx.load(file.buffer as never);
      } catch {
        throw invalid('bad_file', 'Файл не читается как XLSX', { field: 'file' });
      }
      const sheet = book.worksheets[0];
      table = [];
      sheet?.eachRow({ includeEmpty: false }, (row) => {
        const values = (row.values as unknown[]).slice(1).map((v) => cellText(v));
        table.push(values);
      });
    } else {
      const text = file.buffer.toString('utf8').replace(/^\uFEFF/u, '');
      if (text.includes('\uFFFD'))
        throw invalid('bad_encoding', 'CSV должен быть в кодировке UTF-8', { field: 'file' });
      const firstLine = text.split(/\r?\n/u)[0] ?? '';
      const delimiter =
        (firstLine.match(/;/gu)?.length ?? 0) >= (firstLine.match(/,/gu)?.length ?? 0) ? ';' : ',';
      try {
        table = parse(text, { delimiter, relax_column_count: true, skip_empty_lines: true, trim: true });
      } catch (err) {
        throw invalid('bad_csv', `CSV не читается: ${(err as Error).message}`, { field: 'file' });
      }
    }
    if (table.length < 2)
      throw invalid(
        'empty_file',
        'В файле нет строк данных (нужна строка заголовков и хотя бы одна строка)',
        { field: 'file' },
      );
    const header = table[0].map((h) => normalize(String(h)).replace(/\s+/gu, '_'));
    return table
      .slice(1)
      .map((cells) => Object.fromEntries(header.map((h, i) => [h, String(cells[i] ?? '').trim()])));
  }

  async organizations(user: AuthUser, regionId: string, rows: Row[]): Promise<ImportReport> {
    assert(
      canManageDirectory(await this.access.scopeFor(user), regionId),
      'Справочник ведут кураторы региона и администраторы',
    );
    const report: ImportReport = { created: 0, updated: 0, skipped: 0, errors: [] };
    await this.manager.transaction(async (tx) => {
      const existing = await tx.find(Organization, { where: { regionId } });
      const byName = (name: string) => {
        const key = normalize(name);
        return existing.find(
          (o) =>
            normalize(o.name) === key ||
            (o.shortName && normalize(o.shortName) === key) ||
            o.aliases.some((a) => normalize(a) === key),
        );
      };
      const pendingParents: Array<{ org: Organization; parent: string; row: number }> = [];
      for (const [i, r] of rows.entries()) {
        const line = i + 2;
        const name = r.name ?? r.наименование ?? r.название ?? '';
        if (!name) {
          report.errors.push({ row: line, message: 'не указано наименование (name)' });
          continue;
        }
        const kindRaw = (r.kind ?? r.тип ?? '').toLowerCase();
        const kind = (ORGANIZATION_KINDS as readonly string[]).includes(kindRaw)
          ? (kindRaw as OrganizationKind)
          : (KIND_WORDS.find(([re]) => re.test(`${kindRaw} ${name}`))?.[1] ?? 'other');
        const aliases = (r.aliases ?? r.синонимы ?? '')
          .split(/[|;]/u)
          .map((a) => a.trim())
          .filter(Boolean);
        const shortName = r.short_name ?? r.краткое_наименование ?? '';
        const found = byName(name);
        if (found) {
          const merged = [...new Set([...found.aliases, ...aliases])];
          if (merged.length !== found.aliases.length || (shortName && shortName !== found.shortName)) {
            found.aliases = merged;
            found.shortName = shortName || found.shortName;
            await tx.save(found);
            report.updated++;
          } else report.skipped++;
          if (r.parent) pendingParents.push({ org: found, parent: r.parent, row: line });
          continue;
        }
        const org = await tx.save(
          tx.create(Organization, {
            regionId,
            kind,
            name,
            shortName: shortName || null,
            aliases,
            parentId: null,
          }),
        );
        existing.push(org);
        report.created++;
        if (r.parent) pendingParents.push({ org, parent: r.parent, row: line });
      }
      for (const p of pendingParents) {
        const parent = byName(p.parent);
        if (!parent || parent.id === p.org.id)
          report.errors.push({ row: p.row, message: `вышестоящая организация «${p.parent}» не найдена` });
        else if (p.org.parentId !== parent.id)
          await tx.update(Organization, { id: p.org.id }, { parentId: parent.id });
      }
      await this.audit.record(
        {
          actorId: user.id,
          action: 'directory.organizations_imported',
          entityType: 'region',
          entityId: regionId,
          regionId,
          after: report,
        },
        tx,
      );
    });
    return report;
  }

  async users(user: AuthUser, regionId: string, rows: Row[]): Promise<ImportReport> {
    const scope = await this.access.scopeFor(user);
    assert(canManageDirectory(scope, regionId), 'Справочник ведут кураторы региона и администраторы');
    const report: ImportReport = { created: 0, updated: 0, skipped: 0, errors: [] };
    await this.manager.transaction(async (tx) => {
      const orgs = await tx.find(Organization, { where: { regionId } });
      for (const [i, r] of rows.entries()) {
        const line = i + 2;
        const email = (r.email ?? r.почта ?? r.e_mail ?? '').toLowerCase();
        const fullName = r.full_name ?? r.фио ?? '';
        const orgName = r.organization ?? r.организация ?? '';
        const roleRaw = (r.role ?? r.роль ?? 'executor').toLowerCase();
        const role =
          ROLE_WORDS[roleRaw] ??
          ((ROLES as readonly string[]).includes(roleRaw) ? (roleRaw as Role) : undefined);
        if (!/^[^@\s]+@[^@\s]+\.[^@\s]+$/u.test(email)) {
          report.errors.push({ row: line, message: `неверный адрес электронной почты «${email}»` });
          continue;
        }
        if (!fullName) {
          report.errors.push({ row: line, message: 'не указано ФИО (full_name)' });
          continue;
        }
        if (!role) {
          report.errors.push({
            row: line,
            message: `неизвестная роль «${roleRaw}» (executor, head, curator, admin)`,
          });
          continue;
        }
        if (role === 'admin' && !scope.admin) {
          report.errors.push({ row: line, message: 'роль администратора назначает администратор' });
          continue;
        }
        const key = normalize(orgName);
        const org =
          orgs.find(
            (o) =>
              normalize(o.name) === key ||
              (o.shortName && normalize(o.shortName) === key) ||
              o.aliases.some((a) => normalize(a) === key),
          ) ??
          (() => {
            const s = suggestOrganizations(orgName, orgs);
            return isConfident(s) ? orgs.find((o) => o.id === s[0].id) : undefined;
          })();
        if (!org) {
          report.errors.push({
            row: line,
            message: `организация «${orgName}» не найдена в справочнике региона`,
          });
          continue;
        }
        let person = await tx.findOne(User, { where: { email } });
        if (!person) {
          person = await tx.save(
            tx.create(User, {
              email,
              fullName,
              position: r.position ?? r.должность ?? null,
              calendarToken: randomToken(32),
              passwordHash: null,
            }),
          );
          report.created++;
        } else report.updated++;
        const has = await tx.exists(RoleAssignment, {
          where: { userId: person.id, organizationId: org.id, role },
        });
        if (!has) await tx.insert(RoleAssignment, { userId: person.id, organizationId: org.id, role });
      }
      await this.audit.record(
        {
          actorId: user.id,
          action: 'directory.users_imported',
          entityType: 'region',
          entityId: regionId,
          regionId,
          after: report,
        },
        tx,
      );
    });
    return report;
  }
}

function cellText(v: unknown): string {
  if (v == null) return '';
  if (typeof v === 'object') {
    const o = v as {
      text?: string;
      richText?: Array<{ text: string }>;
      result?: unknown;
      hyperlink?: string;
    };
    if (o.richText) return o.richText.map((t) => t.text).join('');
    if (o.text) return String(o.text);
    if (o.result != null) return String(o.result);
    if (v instanceof Date) return v.toISOString().slice(0, 10);
  }
  return String(v);
}
