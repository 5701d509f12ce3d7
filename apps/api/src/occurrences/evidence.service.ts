import { Injectable, OnModuleInit } from '@nestjs/common';
import { InjectEntityManager } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import { EntityManager } from 'typeorm';
import {
  assert,
  assertActive,
  canSubmitEvidence,
  canViewOccurrence,
  invalid,
  notFound,
  submit,
  expectsDocumentDetails,
} from '@karta/domain';
import { Evidence, EvidenceFile, Occurrence, ProjectionRepository } from '@karta/persistence';
import type { Actor, OccurrenceResult, SubmitEvidenceInput } from '../../../../workflows/src/messages';
import { AppConfig } from '../config';
import { AuditService } from '../common/audit.service';
import { AccessService } from '../common/access.service';
import type { AuthUser } from '../common/auth-user';
import { Clock } from '../common/clock';
import { inspectUpload, InspectedFile } from '../storage/file-inspection';
import { ObjectStorage } from '../storage/object-storage';
import { CommandDispatcher } from '../temporal/command-dispatcher';
import { SubmitEvidenceDto } from './occurrence.dto';
import { OccurrenceContext, OccurrenceContextLoader } from './occurrence-context';
import { answer } from './workflow-actions';

export interface UploadedEvidenceFile {
  originalname: string;
  buffer: Buffer;
  size: number;
}

/** Evidence: upload (checked, stored, versioned), delivery to the workflow, and guarded downloads. */
@Injectable()
export class EvidenceService implements OnModuleInit {
  constructor(
    @InjectEntityManager() private readonly manager: EntityManager,
    private readonly contexts: OccurrenceContextLoader,
    private readonly access: AccessService,
    private readonly audit: AuditService,
    private readonly storage: ObjectStorage,
    private readonly dispatcher: CommandDispatcher,
    private readonly config: AppConfig,
    private readonly clock: Clock,
  ) {}

  onModuleInit(): void {
    this.dispatcher.register('evidence', {
      accepted: async (tx, command, result) => {
        const evidenceId = command.subject!.split(':')[1];
        await tx.update(Evidence, { id: evidenceId, state: 'pending' }, { state: 'accepted' });
        if (result) await new ProjectionRepository(tx).applyOccurrence(result as OccurrenceResult, null);
      },
      rejected: async (tx, command, reason) => {
        await tx.update(
          Evidence,
          { id: command.subject!.split(':')[1], state: 'pending' },
          { state: 'rejected', stateReason: reason },
        );
      },
    });
  }

  async submit(
    user: AuthUser,
    occurrenceId: string,
    files: UploadedEvidenceFile[] | undefined,
    dto: SubmitEvidenceDto,
  ) {
    const ctx = await this.contexts.load(user, occurrenceId);
    const onBehalfOf = this.access.actingFor(ctx.scope, (s) => canSubmitEvidence(s, ctx.where));
    assert(
      onBehalfOf !== undefined,
      'Отчёт отправляет исполнитель или руководитель ответственной организации',
    );
    const role: Actor['role'] =
      ctx.scope.actingFor.size && ctx.where.executorIds.some((id) => ctx.scope.actingFor.has(id))
        ? 'executor'
        : 'head';
    const actor: Actor = { userId: user.id, role, ...(onBehalfOf ? { onBehalfOf } : {}) };
    return this.record(user, ctx, files, dto, actor, onBehalfOf ?? null);
  }

  /** Checks, stores and records a submission, then hands it to the workflow (see CommandDispatcher). */
  async record(
    user: AuthUser,
    ctx: OccurrenceContext,
    files: UploadedEvidenceFile[] | undefined,
    dto: SubmitEvidenceDto,
    actor: Actor,
    onBehalfOf: string | null,
  ) {
    assertActive(ctx.roadmap.status);
    submit(ctx.occurrence, this.clock.today(ctx.region.tz)); // refuses early what the workflow would refuse
    if (!files?.length)
      throw invalid('files_required', 'Приложите хотя бы один файл в поле files', { field: 'files' });
    // An order or a protocol is identified by its number and date: the report is checked against them.
    if (ctx.occurrence.kind === 'deadline' && expectsDocumentDetails(ctx.activity.result)) {
      if (!dto.documentNumber?.trim())
        throw invalid('document_number_required', 'Укажите номер документа (приказа, протокола)', {
          field: 'documentNumber',
        });
      if (!dto.documentDate)
        throw invalid('document_date_required', 'Укажите дату документа', { field: 'documentDate' });
    }
    if (files.length > this.config.upload.maxFiles)
      throw invalid('too_many_files', `Не больше ${this.config.upload.maxFiles} файлов за раз`, {
        field: 'files',
      });
    const inspected: InspectedFile[] = [];
    for (const f of files) inspected.push(await inspectUpload(f, this.config.upload.maxFileBytes));
    const organizationId = this.contexts.partFor(ctx, ctx.scope, dto.organizationId);
    if (organizationId && !ctx.parts.some((p) => p.organizationId === organizationId)) {
      throw invalid('organization_not_in_activity', 'Организация не участвует в мероприятии', {
        field: 'organizationId',
      });
    }

    const evidenceId = randomUUID();
    const stored = await Promise.all(
      inspected.map(async (f) => {
        const storageKey = `evidence/${ctx.occurrence.id}/${evidenceId}/${f.sha256}`;
        await this.storage.put(storageKey, f.buffer, f.mimeType);
        return { fileName: f.fileName, size: f.size, mimeType: f.mimeType, sha256: f.sha256, storageKey };
      }),
    );
    const version = await this.manager.transaction(async (tx) => {
      await tx.query(`SELECT 1 FROM occurrences WHERE id = $1 FOR UPDATE`, [ctx.occurrence.id]);
      const [{ next }] = await tx.query(
        `SELECT coalesce(max(version), 0) + 1 AS next FROM evidence WHERE occurrence_id = $1`,
        [ctx.occurrence.id],
      );
      await tx.insert(Evidence, {
        id: evidenceId,
        occurrenceId: ctx.occurrence.id,
        organizationId: organizationId ?? null,
        version: next,
        comment: dto.comment?.trim() || null,
        documentNumber: dto.documentNumber?.trim() || null,
        documentDate: dto.documentDate ?? null,
        submittedById: user.id,
        onBehalfOfId: onBehalfOf,
        state: 'pending',
      });
      await tx.insert(
        EvidenceFile,
        stored.map((f) => ({ ...f, evidenceId })),
      );
      const payload: SubmitEvidenceInput = {
        occurrenceId: ctx.occurrence.id,
        ...(organizationId ? { organizationId } : {}),
        submissionId: evidenceId,
        actor,
        ...(dto.comment?.trim() ? { comment: dto.comment.trim() } : {}),
        evidenceIds: [evidenceId],
      };
      await this.dispatcher.enqueue(tx, {
        id: evidenceId,
        workflowId: ctx.activity.workflowId!,
        name: 'submitEvidence',
        payload,
        subject: `evidence:${evidenceId}`,
      });
      await this.audit.record(
        {
          actorId: user.id,
          onBehalfOfId: onBehalfOf,
          action: 'evidence.submitted',
          entityType: 'evidence',
          entityId: evidenceId,
          regionId: ctx.roadmap.regionId,
          after: {
            occurrenceId: ctx.occurrence.id,
            version: next,
            files: stored.map(({ fileName, size, mimeType, sha256 }) => ({
              fileName,
              size,
              mimeType,
              sha256,
            })),
            comment: dto.comment ?? null,
          },
        },
        tx,
      );
      return Number(next);
    });
    const outcome = await this.dispatcher.deliver(evidenceId);
    const occurrence = await this.manager.findOneByOrFail(Occurrence, { id: ctx.occurrence.id });
    return answer(
      outcome,
      {
        id: evidenceId,
        version,
        state: outcome.state === 'delivered' ? 'accepted' : outcome.state,
        occurrence: { id: occurrence.id, status: occurrence.status, due: occurrence.due },
        files: stored.map(({ fileName, size, mimeType, sha256 }) => ({ fileName, size, mimeType, sha256 })),
      },
      'Отчёт не принят',
    );
  }

  /** A file of an evidence version, for whoever may see its occurrence. */
  async download(user: AuthUser, fileId: string) {
    const file = await this.manager.findOne(EvidenceFile, { where: { id: fileId } });
    if (!file) throw notFound('file_not_found', 'Файл не найден');
    const evidence = await this.manager.findOneByOrFail(Evidence, { id: file.evidenceId });
    const ctx = await this.contexts.load(user, evidence.occurrenceId);
    assert(canViewOccurrence(ctx.scope, ctx.where));
    return {
      fileName: file.fileName,
      mimeType: file.mimeType,
      body: await this.storage.get(file.storageKey),
    };
  }
}
