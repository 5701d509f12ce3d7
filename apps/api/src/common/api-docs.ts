/**
 * OpenAPI helpers shared by the controllers: realistic example ids, and the error answers exactly as the
 * API gives them — the validation pipe (common/validation.ts), domain errors (domain-exception.filter.ts)
 * and actions the workflow has not confirmed yet (occurrences/workflow-actions.ts). Documentation only.
 */
import { applyDecorators } from '@nestjs/common';
import { STATUS_LABELS } from '@karta/domain';
import {
  ApiAcceptedResponse,
  ApiBadRequestResponse,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiForbiddenResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiPayloadTooLargeResponse,
} from '@nestjs/swagger';

/** Stable, realistic ids for the examples (the demo region, its roadmap and people). */
export const EX = {
  region: '7d0c4b7e-52f1-4a3c-9a53-0e5d6f1b2c01',
  ministry: '3b9e0f5a-8c2d-4f71-b6a4-1d2e3f4a5b01',
  institute: 'a1c2e3f4-5b6d-4e7f-8a9b-0c1d2e3f4a02',
  school: 'c4d5e6f7-0819-4a2b-9c3d-4e5f6a7b8c03',
  roadmap: '0b6f0c3e-2f7a-4a86-9d8f-0b1b0f7b6a11',
  activity: '9a41d2e6-1f3b-4c5d-8e7f-a0b1c2d3e412',
  activity2: '5e2f8a91-3c4d-4b6e-9f0a-1b2c3d4e5f13',
  assignment: 'a3d1b7c9-2e4f-4a6b-8c0d-e1f2a3b4c514',
  occurrence: '5c0e7a3d-9b1f-4e2c-8d4a-6f7b8c9d0e15',
  occurrence2: '2f4a6c8e-0b1d-4e3f-9a5b-7c9d1e3f5a16',
  evidence: '8e1d3f5b-7a9c-4b0d-9e2f-4a6c8e0b2d17',
  file: 'f7b9d1e3-5a7c-4e9b-8d1f-3a5c7e9b1d18',
  review: '6a8c0e2b-4d6f-4a8c-9e0b-2d4f6a8c0e19',
  deadlineChange: 'd2f4b6a8-c0e2-4f4a-8b6d-8f0a2c4e6b20',
  curator: 'e5a7c9e1-3b5d-4f7a-9c1e-5b7d9f1a3c21',
  head: 'b8d0f2a4-6c8e-4a0b-8d2f-4a6c8e0a2b22',
  executor: '1c3e5a7b-9d1f-4b3d-9f5a-7c9e1b3d5f23',
  executor2: '4f6b8d0a-2c4e-4d6f-8a0c-2e4a6c8e0b24',
  roleAssignment: '7b9d1f3a-5c7e-4a9b-8d1f-3a5c7e9b1d25',
  deputy: '9e1a3c5d-7f9b-4d1e-8a3c-5e7a9c1e3a26',
};

export const ROADMAP_TITLE =
  'План мероприятий («дорожная карта») по развитию системы научно-методического сопровождения педагогических работников Демонстрационной области на период 2023-2025 годы';

/** One task as `taskView` (occurrences/occurrence-views.ts) renders it. */
export const TASK_EXAMPLE = {
  id: EX.occurrence,
  activityId: EX.activity,
  roadmapId: EX.roadmap,
  roadmapTitle: ROADMAP_TITLE,
  number: '1.2.',
  title: 'Проведение мониторинга профессиональных дефицитов педагогических работников',
  label: null,
  kind: 'deadline',
  term: 'до 29.11.2024',
  result: 'Аналитическая справка',
  due: '2024-11-29',
  baselineDue: '2024-11-29',
  reworkDue: null,
  status: 'open',
  overdue: false,
  dueSoon: true,
  escalationLevel: 0,
  organization: 'Демонстрационный институт развития образования',
  organizationId: EX.institute,
  delayNote: null,
};

/** A field the validation pipe refused (`common/validation.ts` words it in Russian). */
export interface FieldProblem {
  field: string;
  constraint: string;
  message: string;
}

/** A domain error as `DomainExceptionFilter` answers it: `{statusCode, code, message, ...details}`. */
export interface DomainProblem {
  code: string;
  message: string;
  [detail: string]: unknown;
}

/** A domain error for the docs, as the service throws it: `invalid(code, message, { field })`. */
export const problem = (code: string, message: string, field?: string): DomainProblem =>
  field ? { code, message, field } : { code, message };

export const uuidProblem = (field = 'id'): FieldProblem => ({
  field,
  constraint: 'isUuid',
  message: 'должно быть идентификатором (UUID)',
});

const isField = (p: FieldProblem | DomainProblem): p is FieldProblem => 'constraint' in p;

/**
 * 400: what the validation pipe says about the listed fields (one example, all of them at once), and each
 * domain rule the service checks (one example each).
 */
export function ApiInvalid(...problems: Array<FieldProblem | DomainProblem>) {
  const fields = problems.filter(isField);
  const rules = problems.filter((p): p is DomainProblem => !isField(p));
  const examples: Record<string, { summary: string; value: unknown }> = {};
  if (fields.length)
    examples.validation = {
      summary: 'Поля запроса не прошли проверку',
      value: {
        statusCode: 400,
        error: 'Bad Request',
        message: fields.map((f) => `${f.field}: ${f.message}`),
        errors: fields.map((f) => ({ field: f.field, code: f.constraint, message: f.message })),
      },
    };
  for (const r of rules) examples[r.code] = { summary: r.message, value: { statusCode: 400, ...r } };
  return ApiBadRequestResponse({
    description:
      'Запрос не прошёл проверку: `errors` перечисляет поля (имя поля — английское, текст — русский), `code` называет нарушенное правило',
    examples,
  });
}

/** 403 with the service's own wording (the class-wide @Auth() one is generic). */
export const ApiForbidden = (message: string) =>
  ApiForbiddenResponse({
    description: 'Нет прав на объект',
    example: { statusCode: 403, code: 'forbidden', message },
  });

/** 404 for an unknown id; `more` when the route looks up several objects. */
export function ApiNotFound(code: string, message: string, ...more: DomainProblem[]) {
  const all = [{ code, message }, ...more];
  return ApiNotFoundResponse(
    all.length === 1
      ? { description: 'Объект не найден', example: { statusCode: 404, code, message } }
      : {
          description: 'Объект не найден',
          examples: Object.fromEntries(
            all.map((p) => [p.code, { summary: p.message, value: { statusCode: 404, ...p } }]),
          ),
        },
  );
}

/** 409: one example per conflict the service raises. */
export function ApiConflict(...problems: DomainProblem[]) {
  const value = (p: DomainProblem) => ({ statusCode: 409, ...p });
  return ApiConflictResponse(
    problems.length === 1
      ? { description: 'Конфликт с состоянием объекта', example: value(problems[0]) }
      : {
          description: 'Конфликт с состоянием объекта',
          examples: Object.fromEntries(
            problems.map((p) => [p.code, { summary: p.message, value: value(p) }]),
          ),
        },
  );
}

/** The occurrence is not in a status that allows the action (`requireStatus` in libs/domain). */
export const occurrenceState = (action: string, status: string, allowed: string[]): DomainProblem => ({
  code: 'occurrence_state',
  message: `Нельзя ${action}: мероприятие в статусе «${STATUS_LABELS[status as keyof typeof STATUS_LABELS]}»`,
  status,
  allowed,
});

export const ROADMAP_NOT_ACTIVE: DomainProblem = {
  code: 'roadmap_not_active',
  message: 'Дорожная карта не запущена или уже закрыта',
};

export const ROADMAP_NOT_DRAFT: DomainProblem = {
  code: 'roadmap_not_draft',
  message: 'Дорожная карта уже запущена: изменять можно только черновик',
};

/** The workflow refused the action (`answer` in occurrences/workflow-actions.ts): its reason after `what`. */
export const workflowRejected = (what: string): DomainProblem => ({
  code: 'workflow_rejected',
  message: `${what}: Дорожная карта закрыта`,
});

/**
 * A human action handed to the activity's workflow: 2xx with `body` once the workflow accepts it, 202 when
 * Temporal is unreachable (kept and delivered later; `pending` overrides what differs in that answer). The
 * workflow's refusal (409 `workflow_rejected`) goes with the route's other conflicts.
 */
export function ApiWorkflowAction(
  status: 200 | 201,
  body: Record<string, unknown>,
  what: string,
  description = 'Принято процессом мероприятия',
  pending: Record<string, unknown> = {},
) {
  const ok = { description, example: body };
  return applyDecorators(
    status === 200 ? ApiOkResponse(ok) : ApiCreatedResponse(ok),
    ApiAcceptedResponse({
      description:
        'Записано, но процесс мероприятия сейчас недоступен: действие будет доставлено автоматически',
      example: {
        statusCode: 202,
        state: 'pending',
        message: `${what}: принято к отправке, процесс мероприятия временно недоступен — будет доставлено автоматически`,
        ...body,
        ...pending,
      },
    }),
  );
}

/** The body of a binary answer, under its own content type (errors stay JSON). */
export const binary = (mimeType: string, description: string) => ({
  description,
  content: { [mimeType]: { schema: { type: 'string' as const, format: 'binary' } } },
});

/** 413 from multer's limits, as `UploadLimitFilter` words it (it names the field `files` for every upload). */
export const ApiUploadTooLarge = () =>
  ApiPayloadTooLargeResponse({
    description: 'Over the upload limits (size, or number of files)',
    examples: {
      file_too_large: {
        summary: 'Файл больше допустимого размера',
        value: {
          statusCode: 413,
          code: 'file_too_large',
          message: 'Файл больше допустимого размера',
          field: 'files',
        },
      },
      too_many_files: {
        summary: 'Слишком много файлов в одном запросе',
        value: {
          statusCode: 413,
          code: 'too_many_files',
          message: 'Слишком много файлов в одном запросе',
          field: 'files',
        },
      },
    },
  });
