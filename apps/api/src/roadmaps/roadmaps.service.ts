import { Injectable } from '@nestjs/common';
import { InjectEntityManager } from '@nestjs/typeorm';
import { createHash, randomUUID } from 'node:crypto';
import { EntityManager, In } from 'typeorm';
import { isImportError } from '@karta/importer';
import {
  assert,
  assertDraft,
  Blocker,
  canManageRoadmaps,
  DraftActivity,
  invalid,
  isOverdue,
  launchBlockers,
  notFound,
  OccurrenceStatus,
} from '@karta/domain';
import { Activity, ActivityAssignment, Region, Roadmap, StoredTerm } from '@karta/persistence';
import { AccessService } from '../common/access.service';
import { AppConfig } from '../config';
import { AuditService } from '../common/audit.service';
import type { AuthUser } from '../common/auth-user';
import { Clock } from '../common/clock';
import { decodeName } from '../storage/file-inspection';
import { ObjectStorage } from '../storage/object-storage';
import { DirectoryMatcher } from './directory-matcher.service';
import { RoadmapEngines } from './engines';
import { ParticipantsPlanner } from './participants';
import {
  AcceptSuggestionsDto,
  AcceptWarningDto,
  AddAssignmentDto,
  ImportedDraftDto,
  ImportRoadmapBodyDto,
  ResolveAssignmentDto,
  RoadmapOccurrenceDto,
  RoadmapPolicyDto,
  UpdateActivityDto,
} from './roadmap.dto';

export interface UploadedDocument {
  originalname: string;
  buffer: Buffer;
  size: number;
}

/** Import of roadmap documents and the curator's review of the resulting draft. */
@Injectable()
export class RoadmapsService {
  constructor(
    @InjectEntityManager() private readonly manager: EntityManager,
    private readonly access: AccessService,
    private readonly audit: AuditService,
    private readonly engines: RoadmapEngines,
    private readonly matcher: DirectoryMatcher,
    private readonly storage: ObjectStorage,
    private readonly config: AppConfig,
    private readonly clock: Clock,
  ) {}

  /** The roadmap, if the user may manage it (curator of its region, or admin). 404 rather than 403 for other regions' ids is not done: the id is not secret. */
  async managed(user: AuthUser, id: string, manager: EntityManager = this.manager): Promise<Roadmap> {
    const roadmap = await manager.findOne(Roadmap, { where: { id } });
    if (!roadmap) throw notFound('roadmap_not_found', 'Дорожная карта не найдена');
    assert(
      canManageRoadmaps(await this.access.scopeFor(user), roadmap.regionId),
      'Дорожная карта другого региона: нет доступа',
    );
    return roadmap;
  }

  async import(
    user: AuthUser,
    file: UploadedDocument | undefined,
    body: ImportRoadmapBodyDto,
  ): Promise<ImportedDraftDto> {
    if (!file) throw invalid('file_required', 'Приложите файл дорожной карты в поле file', { field: 'file' });
    if (file.size > this.config.upload.maxRoadmapBytes) {
      throw invalid(
        'file_too_large',
        `Файл больше ${Math.round(this.config.upload.maxRoadmapBytes / 1048576)} МБ`,
        { field: 'file' },
      );
    }
    const region = await this.importRegion(user, body.regionId);
    const fileName = decodeName(file.originalname);
    const year = Number(this.clock.today(region.tz).slice(0, 4));
    const read = (defaultPeriod?: { from: string; to: string }) =>
      this.engines.import({
        bytes: new Uint8Array(file.buffer),
        fileName,
        format: body.format ?? 'auto',
        tz: region.tz,
        maxBytes: this.config.upload.maxRoadmapBytes,
        ...(defaultPeriod ? { defaultPeriod } : {}),
      });
    let result;
    try {
      // The document's own (or inferred) period first; this year and the next only when it has none.
      result = await read().catch((err) => {
        if (isImportError(err) && err.code === 'no_period')
          return read({ from: `${year}-01-01`, to: `${year + 1}-12-31` });
        throw err;
      });
    } catch (err) {
      if (isImportError(err))
        throw invalid(`import_${err.code}`, `Не удалось прочитать документ: ${err.message}`, {
          field: 'file',
        });
      throw err;
    }
    if (result.activities.length === 0)
      throw invalid('import_no_activities', 'В документе не найдено ни одного мероприятия', {
        field: 'file',
      });

    const id = randomUUID();
    const sha256 = createHash('sha256').update(file.buffer).digest('hex');
    const storageKey = `roadmaps/${id}/source-${sha256.slice(0, 16)}`;
    await this.storage.put(storageKey, file.buffer, 'application/octet-stream');

    const directory = await this.matcher.load(this.manager, region.id);
    await this.manager.transaction(async (tx) => {
      await tx.insert(Roadmap, {
        id,
        regionId: region.id,
        title: result.title ?? fileName,
        status: 'draft',
        approved: result.approved
          ? { by: result.approved.by, number: result.approved.number, date: result.approved.date }
          : null,
        periodFrom: result.period?.from ?? result.termContext?.from ?? null,
        periodTo: result.period?.to ?? result.termContext?.to ?? null,
        sourceFileName: fileName,
        sourceFormat: result.source.format,
        sourceSha256: sha256,
        sourceSize: file.size,
        sourceStorageKey: storageKey,
        warnings: result.warnings.map((w) => ({ message: w.message, line: w.line, accepted: false })),
        policy: {},
        createdById: user.id,
      });
      for (const [ordinal, a] of result.activities.entries()) {
        const activityId = randomUUID();
        await tx.insert(Activity, {
          id: activityId,
          roadmapId: id,
          ordinal,
          number: a.number,
          section: a.section,
          parent: a.parent,
          title: a.title,
          termRaw: a.term.raw,
          term: a.term as StoredTerm,
          termKind: a.term.kind,
          result: a.result,
          scheduleHints: a.scheduleHints ?? [],
          sourceLine: a.source?.line ?? null,
          warnings: [],
          imported: a as never,
        });
        const matched = this.matcher.match(directory, a.responsible, a.executors);
        if (matched.length)
          await tx.insert(
            ActivityAssignment,
            matched.map((m) => ({ ...m, activityId })),
          );
      }
      await this.audit.record(
        {
          actorId: user.id,
          action: 'roadmap.imported',
          entityType: 'roadmap',
          entityId: id,
          regionId: region.id,
          after: { fileName, sha256, activities: result.activities.length },
        },
        tx,
      );
    });
    const blockers = await this.blockers(user, id);
    return {
      id,
      title: result.title ?? fileName,
      status: 'draft',
      activities: result.activities.length,
      needsReview: new Set(blockers.filter((b) => b.activityId).map((b) => b.activityId)).size,
      blockers: blockers.length,
    };
  }

  private async importRegion(user: AuthUser, regionId?: string): Promise<Region> {
    const scope = await this.access.scopeFor(user);
    if (regionId) {
      assert(canManageRoadmaps(scope, regionId), 'Загружать дорожные карты можно только в своём регионе');
      const region = await this.manager.findOne(Region, { where: { id: regionId } });
      if (!region) throw invalid('region_not_found', 'Регион не найден', { field: 'regionId' });
      return region;
    }
    const candidates = scope.admin
      ? await this.manager.find(Region)
      : await this.manager.find(Region, { where: { id: In([...scope.curatorRegions]) } });
    assert(
      scope.admin || scope.curatorRegions.size > 0,
      'Загружать дорожные карты могут кураторы министерства',
    );
    if (candidates.length !== 1)
      throw invalid('region_required', 'Укажите регион дорожной карты (regionId)', { field: 'regionId' });
    return candidates[0];
  }

  async list(user: AuthUser) {
    const scope = await this.access.scopeFor(user);
    const regions = [...scope.regions];
    const rows = await this.manager
      .getRepository(Roadmap)
      .createQueryBuilder('r')
      .where(scope.admin ? '1=1' : 'r.regionId IN (:...regions)', {
        regions: regions.length ? regions : ['00000000-0000-0000-0000-000000000000'],
      })
      .andWhere(scope.admin || scope.curatorRegions.size ? '1=1' : "r.status <> 'draft'")
      .orderBy('r.createdAt', 'DESC')
      .getMany();
    const counts: Array<{ roadmap_id: string; n: string }> = rows.length
      ? await this.manager.query(
          `SELECT roadmap_id, count(*) AS n FROM activities WHERE roadmap_id = ANY($1::uuid[]) GROUP BY roadmap_id`,
          [rows.map((r) => r.id)],
        )
      : [];
    return rows.map((r) => ({
      ...view(r),
      activities: Number(counts.find((c) => c.roadmap_id === r.id)?.n ?? 0),
    }));
  }

  async get(user: AuthUser, id: string) {
    const roadmap = await this.managed(user, id);
    const activities = await this.manager.find(Activity, {
      where: { roadmapId: id },
      order: { ordinal: 'ASC' },
    });
    const assignments = await this.assignmentsOf(activities.map((a) => a.id));
    const blockers = await this.computeBlockers(roadmap, activities, assignments);
    return {
      ...view(roadmap),
      warnings: roadmap.warnings,
      blockers,
      activities: activities.map((a) => ({
        id: a.id,
        ordinal: a.ordinal,
        number: a.number,
        section: a.section,
        parent: a.parent,
        title: a.title,
        term: {
          raw: a.termRaw,
          kind: a.term.kind,
          needsReview: a.term.needsReview,
          reason: a.term.reason ?? null,
          external: a.term.external ?? null,
          occurrences: a.term.occurrences,
          window: a.term.window,
        },
        termAccepted: a.termAccepted,
        result: a.result,
        scheduleHints: a.scheduleHints,
        sourceLine: a.sourceLine,
        warnings: a.warnings,
        workflowId: a.workflowId,
        assignments: assignments
          .filter((s) => s.activityId === a.id)
          .map((s) => ({
            id: s.id,
            kind: s.kind,
            raw: s.raw,
            status: s.status,
            organizationId: s.organizationId,
            userId: s.userId,
            lead: s.lead,
            suggestions: s.suggestions,
          })),
        needsReview: blockers.some((b) => b.activityId === a.id),
      })),
    };
  }

  /** Every occurrence of the roadmap with its dates and status, in plan order (the Gantt timeline). */
  async occurrences(user: AuthUser, id: string): Promise<RoadmapOccurrenceDto[]> {
    const roadmap = await this.managed(user, id);
    const region = await this.manager.findOneByOrFail(Region, { id: roadmap.regionId });
    const today = this.clock.today(region.tz);
    const rows: Array<{
      id: string;
      activity_id: string;
      number: string | null;
      title: string;
      direction: string | null;
      start: string | null;
      due: string;
      baseline_due: string;
      rework_due: string | null;
      status: OccurrenceStatus;
      overdue: boolean;
      label: string | null;
    }> = await this.manager.query(
      `SELECT o.id, o.activity_id, a.number, a.title, a.section[1] AS direction, o.start::text AS start, o.due::text AS due,
              o.baseline_due::text AS baseline_due, o.rework_due::text AS rework_due, o.status, o.overdue, o.label
         FROM occurrences o JOIN activities a ON a.id = o.activity_id
        WHERE o.roadmap_id = $1
        ORDER BY a.ordinal, o.seq`,
      [id],
    );
    return rows.map((r) => ({
      id: r.id,
      activityId: r.activity_id,
      number: r.number,
      title: r.title,
      direction: r.direction,
      start: r.start,
      due: r.due,
      baselineDue: r.baseline_due,
      status: r.status,
      overdue: r.overdue || isOverdue({ status: r.status, due: r.due, reworkDue: r.rework_due }, today),
      label: r.label,
    }));
  }

  async blockers(user: AuthUser, id: string): Promise<Blocker[]> {
    const roadmap = await this.managed(user, id);
    const activities = await this.manager.find(Activity, {
      where: { roadmapId: id },
      order: { ordinal: 'ASC' },
    });
    return this.computeBlockers(roadmap, activities, await this.assignmentsOf(activities.map((a) => a.id)));
  }

  /** Domain rules (terms, warnings, unresolved strings) plus what only the directory knows (nobody to do a part). */
  async computeBlockers(
    roadmap: Roadmap,
    activities: Activity[],
    assignments: ActivityAssignment[],
    manager: EntityManager = this.manager,
  ): Promise<Blocker[]> {
    const drafts: DraftActivity[] = activities.map((a) => ({
      id: a.id,
      number: a.number,
      title: a.title,
      term: {
        raw: a.termRaw,
        kind: a.term.kind,
        needsReview: a.term.needsReview,
        reason: a.term.reason,
        occurrences: a.term.occurrences.length,
      },
      termAccepted: a.termAccepted,
      warnings: a.warnings,
      assignments: assignments.filter((s) => s.activityId === a.id),
    }));
    const blockers = launchBlockers(drafts, roadmap.warnings);
    const planner = await ParticipantsPlanner.load(manager, roadmap.regionId);
    for (const a of activities)
      blockers.push(...planner.blockers(a, planner.parts(assignments.filter((s) => s.activityId === a.id))));
    if (planner.curatorCount === 0) {
      blockers.push({
        kind: 'no_curator',
        activityId: null,
        number: null,
        ref: null,
        message: 'В регионе нет ни одного куратора: некому проверять отчёты',
      });
    }
    return blockers;
  }

  assignmentsOf(activityIds: string[], manager: EntityManager = this.manager): Promise<ActivityAssignment[]> {
    if (!activityIds.length) return Promise.resolve([]);
    return manager.find(ActivityAssignment, {
      where: { activityId: In(activityIds) },
      order: { kind: 'ASC', position: 'ASC' },
    });
  }

  async updateActivity(user: AuthUser, id: string, activityId: string, dto: UpdateActivityDto) {
    return this.manager.transaction(async (tx) => {
      const roadmap = await this.managed(user, id, tx);
      assertDraft(roadmap.status);
      const activity = await this.activityOf(tx, id, activityId);
      const before = {
        title: activity.title,
        number: activity.number,
        term: activity.termRaw,
        result: activity.result,
        termAccepted: activity.termAccepted,
      };
      if (dto.title !== undefined) activity.title = dto.title.trim();
      if (dto.number !== undefined) activity.number = dto.number.trim() || null;
      if (dto.result !== undefined) activity.result = dto.result?.trim() || null;
      if (dto.term !== undefined) {
        const region = await tx.findOneByOrFail(Region, { id: roadmap.regionId });
        const raw = dto.term.replace(/\s+/gu, ' ').trim();
        const parsed = this.engines.parseTerm(raw, this.termContext(roadmap, region.tz));
        activity.termRaw = raw;
        activity.term = { ...parsed, raw };
        activity.termKind = parsed.kind;
        activity.termAccepted = false;
      }
      if (dto.acceptTerm !== undefined) activity.termAccepted = dto.acceptTerm;
      await tx.save(activity);
      await this.audit.record(
        {
          actorId: user.id,
          action: 'activity.edited',
          entityType: 'activity',
          entityId: activity.id,
          regionId: roadmap.regionId,
          before,
          after: {
            title: activity.title,
            number: activity.number,
            term: activity.termRaw,
            result: activity.result,
            termAccepted: activity.termAccepted,
          },
        },
        tx,
      );
      return {
        id: activity.id,
        title: activity.title,
        number: activity.number,
        result: activity.result,
        term: activity.term,
        termAccepted: activity.termAccepted,
      };
    });
  }

  parseTerm(raw: string, roadmap: Roadmap, tz: string) {
    return this.engines.parseTerm(raw, this.termContext(roadmap, tz));
  }

  termContext(roadmap: Roadmap, tz: string) {
    const year = Number(this.clock.today(tz).slice(0, 4));
    return { from: roadmap.periodFrom ?? `${year}-01-01`, to: roadmap.periodTo ?? `${year + 1}-12-31`, tz };
  }

  async deleteActivity(user: AuthUser, id: string, activityId: string): Promise<void> {
    await this.manager.transaction(async (tx) => {
      const roadmap = await this.managed(user, id, tx);
      assertDraft(roadmap.status);
      const activity = await this.activityOf(tx, id, activityId);
      await tx.delete(Activity, { id: activity.id });
      await this.audit.record(
        {
          actorId: user.id,
          action: 'activity.deleted',
          entityType: 'activity',
          entityId: activity.id,
          regionId: roadmap.regionId,
          before: { number: activity.number, title: activity.title },
        },
        tx,
      );
    });
  }

  async resolveAssignment(user: AuthUser, id: string, assignmentId: string, dto: ResolveAssignmentDto) {
    return this.manager.transaction(async (tx) => {
      const roadmap = await this.managed(user, id, tx);
      assertDraft(roadmap.status);
      const assignment = await tx.findOne(ActivityAssignment, { where: { id: assignmentId } });
      if (!assignment) throw notFound('assignment_not_found', 'Сопоставление не найдено');
      await this.activityOf(tx, id, assignment.activityId);
      const before = {
        status: assignment.status,
        organizationId: assignment.organizationId,
        userId: assignment.userId,
        lead: assignment.lead,
      };
      if (dto.ignore) {
        Object.assign(assignment, { status: 'ignored', organizationId: null, userId: null, lead: false });
      } else {
        await this.checkTarget(tx, roadmap.regionId, assignment.kind, dto);
        if (assignment.kind === 'responsible') {
          if (!dto.organizationId && !assignment.organizationId)
            throw invalid('organization_required', 'Укажите организацию (organizationId)', {
              field: 'organizationId',
            });
          assignment.organizationId = dto.organizationId ?? assignment.organizationId;
          assignment.status = 'resolved';
        } else {
          if (!dto.userId && !dto.organizationId)
            throw invalid(
              'target_required',
              'Укажите исполнителя (userId) или организацию, чей руководитель исполняет (organizationId)',
              { field: 'userId' },
            );
          assignment.userId = dto.userId ?? null;
          assignment.organizationId =
            dto.organizationId ??
            (dto.userId ? await this.partFor(tx, assignment.activityId, dto.userId) : null);
          assignment.status = 'resolved';
        }
        if (dto.lead !== undefined && assignment.kind === 'responsible') {
          if (dto.lead)
            await tx.update(
              ActivityAssignment,
              { activityId: assignment.activityId, kind: 'responsible' },
              { lead: false },
            );
          assignment.lead = dto.lead;
        }
      }
      await tx.save(assignment);
      await this.ensureLead(tx, assignment.activityId);
      await this.audit.record(
        {
          actorId: user.id,
          action: 'assignment.resolved',
          entityType: 'activity_assignment',
          entityId: assignment.id,
          regionId: roadmap.regionId,
          before,
          after: {
            status: assignment.status,
            organizationId: assignment.organizationId,
            userId: assignment.userId,
            lead: assignment.lead,
          },
        },
        tx,
      );
      return assignment;
    });
  }

  async addAssignment(user: AuthUser, id: string, activityId: string, dto: AddAssignmentDto) {
    return this.manager.transaction(async (tx) => {
      const roadmap = await this.managed(user, id, tx);
      assertDraft(roadmap.status);
      await this.activityOf(tx, id, activityId);
      await this.checkTarget(tx, roadmap.regionId, dto.kind, dto);
      if (dto.kind === 'responsible' && !dto.organizationId)
        throw invalid('organization_required', 'Укажите организацию (organizationId)', {
          field: 'organizationId',
        });
      if (dto.kind === 'executor' && !dto.userId && !dto.organizationId)
        throw invalid('target_required', 'Укажите исполнителя (userId) или организацию (organizationId)', {
          field: 'userId',
        });
      const position = await tx.count(ActivityAssignment, { where: { activityId, kind: dto.kind } });
      const label = dto.userId
        ? (await tx.query(`SELECT full_name FROM users WHERE id = $1`, [dto.userId]))[0]?.full_name
        : (await tx.query(`SELECT name FROM organizations WHERE id = $1`, [dto.organizationId]))[0]?.name;
      const saved = await tx.save(
        tx.create(ActivityAssignment, {
          activityId,
          kind: dto.kind,
          position,
          raw: `(добавлено вручную) ${label ?? ''}`.trim(),
          status: 'resolved',
          organizationId:
            dto.organizationId ?? (dto.userId ? await this.partFor(tx, activityId, dto.userId) : null),
          userId: dto.userId ?? null,
          suggestions: [],
          lead: false,
        }),
      );
      await this.ensureLead(tx, activityId);
      await this.audit.record(
        {
          actorId: user.id,
          action: 'assignment.added',
          entityType: 'activity_assignment',
          entityId: saved.id,
          regionId: roadmap.regionId,
          after: saved,
        },
        tx,
      );
      return saved;
    });
  }

  async acceptWarning(user: AuthUser, id: string, dto: AcceptWarningDto) {
    return this.manager.transaction(async (tx) => {
      const roadmap = await this.managed(user, id, tx);
      assertDraft(roadmap.status);
      const owner = dto.activityId ? await this.activityOf(tx, id, dto.activityId) : roadmap;
      const warnings = [...owner.warnings];
      if (!warnings[dto.index])
        throw invalid('warning_not_found', `Нет предупреждения с номером ${dto.index}`, { field: 'index' });
      warnings[dto.index] = { ...warnings[dto.index], accepted: true };
      if (dto.activityId) await tx.update(Activity, { id: dto.activityId }, { warnings });
      else await tx.update(Roadmap, { id }, { warnings });
      await this.audit.record(
        {
          actorId: user.id,
          action: 'warning.accepted',
          entityType: dto.activityId ? 'activity' : 'roadmap',
          entityId: dto.activityId ?? id,
          regionId: roadmap.regionId,
          after: warnings[dto.index],
        },
        tx,
      );
      return { accepted: warnings[dto.index] };
    });
  }

  /** Accepts every top suggestion that scores at least `minScore` — the curator's "these look right" button. */
  async acceptSuggestions(user: AuthUser, id: string, dto: AcceptSuggestionsDto) {
    const minScore = dto.minScore ?? 0.8;
    return this.manager.transaction(async (tx) => {
      const roadmap = await this.managed(user, id, tx);
      assertDraft(roadmap.status);
      const activities = await tx.find(Activity, { where: { roadmapId: id } });
      const pending = (
        await this.assignmentsOf(
          activities.map((a) => a.id),
          tx,
        )
      ).filter((s) => s.status === 'suggested' && (s.suggestions[0]?.score ?? 0) >= minScore);
      for (const s of pending) {
        const top = s.suggestions[0];
        if (s.kind === 'responsible') Object.assign(s, { status: 'resolved', organizationId: top.id });
        else
          Object.assign(s, {
            status: 'resolved',
            userId: top.id,
            organizationId: await this.partFor(tx, s.activityId, top.id),
          });
        await tx.save(s);
      }
      for (const activityId of new Set(pending.map((s) => s.activityId)))
        await this.ensureLead(tx, activityId);
      await this.audit.record(
        {
          actorId: user.id,
          action: 'suggestions.accepted',
          entityType: 'roadmap',
          entityId: id,
          regionId: roadmap.regionId,
          after: { minScore, accepted: pending.length },
        },
        tx,
      );
      return { accepted: pending.length };
    });
  }

  /** Reminder, escalation and checkpoint policy of a draft, passed to each of its workflows at launch. */
  async setPolicy(user: AuthUser, id: string, dto: RoadmapPolicyDto) {
    return this.manager.transaction(async (tx) => {
      const roadmap = await this.managed(user, id, tx);
      assertDraft(roadmap.status);
      const policy = JSON.parse(JSON.stringify(dto)) as Record<string, unknown>;
      await tx.update(Roadmap, { id }, { policy: policy as never });
      await this.audit.record(
        {
          actorId: user.id,
          action: 'roadmap.policy',
          entityType: 'roadmap',
          entityId: id,
          regionId: roadmap.regionId,
          before: roadmap.policy,
          after: policy,
        },
        tx,
      );
      return { id, policy };
    });
  }

  async source(user: AuthUser, id: string) {
    const roadmap = await this.managed(user, id);
    return { fileName: roadmap.sourceFileName, body: await this.storage.get(roadmap.sourceStorageKey) };
  }

  private async activityOf(manager: EntityManager, roadmapId: string, activityId: string): Promise<Activity> {
    const activity = await manager.findOne(Activity, { where: { id: activityId, roadmapId } });
    if (!activity) throw notFound('activity_not_found', 'Мероприятие не найдено в этой дорожной карте');
    return activity;
  }

  /** The target of a resolution must be in the roadmap's region. */
  private async checkTarget(
    manager: EntityManager,
    regionId: string,
    kind: string,
    dto: { organizationId?: string; userId?: string },
  ): Promise<void> {
    if (dto.organizationId) {
      const [org] = await manager.query(`SELECT 1 FROM organizations WHERE id = $1 AND region_id = $2`, [
        dto.organizationId,
        regionId,
      ]);
      if (!org)
        throw invalid('organization_not_in_region', 'Организация не найдена в справочнике региона', {
          field: 'organizationId',
        });
    }
    if (dto.userId) {
      if (kind === 'responsible')
        throw invalid('user_not_allowed', 'Ответственным может быть только организация', { field: 'userId' });
      const [u] = await manager.query(
        `SELECT 1 FROM users u JOIN role_assignments ra ON ra.user_id = u.id JOIN organizations o ON o.id = ra.organization_id
          WHERE u.id = $1 AND o.region_id = $2 AND u.active LIMIT 1`,
        [dto.userId, regionId],
      );
      if (!u)
        throw invalid('user_not_in_region', 'Сотрудник не найден в справочнике региона', { field: 'userId' });
    }
  }

  /** An executor's part: his organization among the activity's responsible ones, else the lead one. */
  private async partFor(manager: EntityManager, activityId: string, userId: string): Promise<string | null> {
    const [row] = await manager.query(
      `SELECT a.organization_id FROM activity_assignments a
        WHERE a.activity_id = $1 AND a.kind = 'responsible' AND a.status = 'resolved'
        ORDER BY (a.organization_id IN (SELECT organization_id FROM role_assignments WHERE user_id = $2)) DESC, a.lead DESC, a.position
        LIMIT 1`,
      [activityId, userId],
    );
    return row?.organization_id ?? null;
  }

  /** Exactly one resolved responsible organization is the lead. */
  private async ensureLead(manager: EntityManager, activityId: string): Promise<void> {
    const responsible = await manager.find(ActivityAssignment, {
      where: { activityId, kind: 'responsible' },
      order: { position: 'ASC' },
    });
    const resolved = responsible.filter((r) => r.status === 'resolved');
    const leads = resolved.filter((r) => r.lead);
    if (leads.length === 1 && responsible.every((r) => r.status === 'resolved' || !r.lead)) return;
    const lead = leads[0] ?? resolved[0];
    for (const r of responsible) {
      const want = r.id === lead?.id;
      if (r.lead !== want) await manager.update(ActivityAssignment, { id: r.id }, { lead: want });
    }
  }
}

export function view(r: Roadmap) {
  return {
    id: r.id,
    regionId: r.regionId,
    title: r.title,
    status: r.status,
    version: r.version,
    approved: r.approved,
    period: r.periodFrom && r.periodTo ? { from: r.periodFrom, to: r.periodTo } : null,
    source: {
      fileName: r.sourceFileName,
      format: r.sourceFormat,
      sha256: r.sourceSha256,
      size: r.sourceSize,
    },
    launchedAt: r.launchedAt,
    launchDate: r.launchDate,
    closedAt: r.closedAt,
    createdAt: r.createdAt,
  };
}
