import {
  applyDecorators,
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  Param,
  Patch,
  Post,
  Query,
  UploadedFile,
  UseInterceptors,
} from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import {
  ApiBody,
  ApiConsumes,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiQuery,
  ApiTags,
} from '@nestjs/swagger';
import {
  ApiConflict,
  ApiForbidden,
  ApiInvalid,
  ApiNotFound,
  ApiUploadTooLarge,
  EX,
  FieldProblem,
  uuidProblem,
  problem,
} from '../common/api-docs';
import { Auth, CurrentUser } from '../common/auth.decorators';
import type { AuthUser } from '../common/auth-user';
import { Uuid } from '../common/params';
import { DirectoryImportService } from './directory-import.service';
import {
  CreateDeputyDto,
  CreateOrganizationDto,
  CreateRegionDto,
  CreateUserDto,
  DirectoryImportDto,
  DirectoryImportFormDto,
  ImportReportDto,
  OrganizationDto,
  RegionDto,
  RoleInputDto,
  UpdateOrganizationDto,
  UpdateUserDto,
} from './directory.dto';
import { DirectoryService } from './directory.service';

const OTHER_REGION = 'Справочник другого региона: нет доступа';
const MANAGERS_ONLY = 'Справочник ведут кураторы региона и администраторы';
const PEOPLE_MANAGERS_ONLY = 'Сотрудниками управляют кураторы региона и администраторы';
const DEPUTY_EDITORS = 'Заместителя назначает сам сотрудник, его руководитель или куратор';
const USER_NOT_FOUND = ['user_not_found', 'Пользователь не найден'] as const;
const ORG_NOT_IN_REGION = problem(
  'organization_not_in_region',
  'Организация не найдена в этом регионе',
  'parentId',
);
const ORG_NOT_FOUND = problem('organization_not_found', 'Организация не найдена', 'organizationId');
const FULL_NAME_SHORT: FieldProblem = {
  field: 'fullName',
  constraint: 'minLength',
  message: 'слишком короткое (минимум 3 симв.)',
};
const ROLE_IN: FieldProblem = {
  field: 'role',
  constraint: 'isIn',
  message: 'недопустимое значение (допустимо: executor, head, curator, admin)',
};

/** What both bulk imports answer, and how they refuse a file. */
const ImportDocs = () =>
  applyDecorators(
    ApiCreatedResponse({
      type: ImportReportDto,
      description: 'What was imported; bad rows are listed, not fatal',
    }),
    ApiInvalid(
      uuidProblem('regionId'),
      problem('file_required', 'Приложите файл CSV или XLSX в поле file', 'file'),
      problem('bad_file', 'Файл не читается как XLSX', 'file'),
      problem('bad_encoding', 'CSV должен быть в кодировке UTF-8', 'file'),
      problem(
        'empty_file',
        'В файле нет строк данных (нужна строка заголовков и хотя бы одна строка)',
        'file',
      ),
    ),
    ApiForbidden(MANAGERS_ONLY),
    ApiUploadTooLarge(),
  );

@ApiTags('directory')
@Auth()
@Controller()
export class DirectoryController {
  constructor(
    private readonly directory: DirectoryService,
    private readonly importer: DirectoryImportService,
  ) {}

  @Get('regions')
  @ApiOperation({ summary: 'Regions the user belongs to (all, for admins)' })
  @ApiOkResponse({ type: [RegionDto], description: 'By name' })
  regions(@CurrentUser() user: AuthUser) {
    return this.directory.regions(user);
  }

  @Post('regions')
  @ApiOperation({ summary: 'Admin: add a region (a tenant) with its time zone' })
  @ApiCreatedResponse({ type: RegionDto })
  @ApiInvalid(
    { field: 'code', constraint: 'matches', message: 'неверный формат' },
    problem('bad_tz', 'tz: должно быть часовым поясом IANA, например Europe/Moscow', 'tz'),
  )
  @ApiForbidden('Регионы заводит администратор')
  @ApiConflict(problem('region_exists', 'Регион с кодом demo уже есть'))
  createRegion(@CurrentUser() user: AuthUser, @Body() dto: CreateRegionDto) {
    return this.directory.createRegion(user, dto);
  }

  @Get('organizations')
  @ApiOperation({ summary: 'Organizations of a region (the tree is given by parentId)' })
  @ApiQuery({ name: 'regionId', required: true, example: EX.region })
  @ApiOkResponse({ type: [OrganizationDto], description: 'By name' })
  @ApiInvalid(uuidProblem('regionId'))
  @ApiForbidden(OTHER_REGION)
  organizations(@CurrentUser() user: AuthUser, @Query('regionId', Uuid('regionId')) regionId: string) {
    return this.directory.organizations(user, regionId);
  }

  @Post('organizations')
  @ApiOperation({ summary: 'Curator/admin: add an organization (kind, parent, aliases)' })
  @ApiCreatedResponse({ type: OrganizationDto })
  @ApiInvalid(
    { field: 'name', constraint: 'minLength', message: 'слишком короткое (минимум 2 симв.)' },
    {
      field: 'kind',
      constraint: 'isIn',
      message: 'недопустимое значение (допустимо: ministry, institute, municipal, school, other)',
    },
    problem('region_not_found', 'Регион не найден', 'regionId'),
    ORG_NOT_IN_REGION,
  )
  @ApiForbidden(MANAGERS_ONLY)
  createOrganization(@CurrentUser() user: AuthUser, @Body() dto: CreateOrganizationDto) {
    return this.directory.createOrganization(user, dto);
  }

  @Patch('organizations/:id')
  @ApiOperation({ summary: 'Curator/admin: edit an organization' })
  @ApiOkResponse({ type: OrganizationDto, description: 'The organization as saved' })
  @ApiInvalid(
    uuidProblem(),
    problem('region_immutable', 'Организацию нельзя перенести в другой регион', 'regionId'),
    ORG_NOT_IN_REGION,
    problem('parent_cycle', 'Вышестоящей не может быть сама организация или подведомственная ей', 'parentId'),
  )
  @ApiForbidden(MANAGERS_ONLY)
  @ApiNotFound('organization_not_found', 'Организация не найдена')
  updateOrganization(
    @CurrentUser() user: AuthUser,
    @Param('id', Uuid()) id: string,
    @Body() dto: UpdateOrganizationDto,
  ) {
    return this.directory.updateOrganization(user, id, dto);
  }

  @Post('organizations/import')
  @UseInterceptors(FileInterceptor('file'))
  @ApiConsumes('multipart/form-data')
  @ApiBody({ type: DirectoryImportFormDto })
  @ApiOperation({ summary: 'Curator/admin: bulk-import organizations from CSV or XLSX' })
  @ImportDocs()
  async importOrganizations(
    @CurrentUser() user: AuthUser,
    @UploadedFile() file: { buffer: Buffer; originalname: string } | undefined,
    @Body() dto: DirectoryImportDto,
  ) {
    return this.importer.organizations(user, dto.regionId, await this.importer.readRows(file));
  }

  @Get('users')
  @ApiOperation({ summary: 'People of a region with their roles' })
  @ApiQuery({ name: 'regionId', required: true, example: EX.region })
  @ApiOkResponse({
    description: 'By full name; `roles` only in organizations of this region',
    example: [
      {
        id: EX.executor,
        email: 'executor@demo.karta',
        fullName: 'Иванова Мария Сергеевна',
        position: 'Руководитель ЦНППМ',
        active: true,
        roles: [
          {
            id: EX.roleAssignment,
            role: 'executor',
            organizationId: EX.institute,
            organizationName: 'Демонстрационный институт развития образования',
          },
        ],
      },
    ],
  })
  @ApiInvalid(uuidProblem('regionId'))
  @ApiForbidden(OTHER_REGION)
  users(@CurrentUser() user: AuthUser, @Query('regionId', Uuid('regionId')) regionId: string) {
    return this.directory.users(user, regionId);
  }

  @Post('users')
  @ApiOperation({ summary: 'Curator/admin: add a person with roles; `invite: true` emails an invitation' })
  @ApiCreatedResponse({
    description: '`roles` as given; `invited` says whether the invitation email went out',
    example: {
      id: EX.executor2,
      email: 'sokolova@diro.ru',
      fullName: 'Соколова Анна Викторовна',
      position: 'Методист ЦНППМ',
      roles: [{ organizationId: EX.institute, role: 'executor' }],
      invited: true,
    },
  })
  @ApiInvalid(
    { field: 'email', constraint: 'isEmail', message: 'должно быть адресом электронной почты' },
    FULL_NAME_SHORT,
    problem('roles_required', 'Укажите хотя бы одну роль в организации (roles)', 'roles'),
    ORG_NOT_FOUND,
  )
  @ApiForbidden('Назначать роли можно только в организациях своего региона')
  @ApiConflict(problem('user_exists', 'Пользователь sokolova@diro.ru уже есть'))
  createUser(@CurrentUser() user: AuthUser, @Body() dto: CreateUserDto) {
    return this.directory.createUser(user, dto);
  }

  @Post('users/import')
  @UseInterceptors(FileInterceptor('file'))
  @ApiConsumes('multipart/form-data')
  @ApiBody({ type: DirectoryImportFormDto })
  @ApiOperation({ summary: 'Curator/admin: bulk-import people and roles from CSV or XLSX' })
  @ImportDocs()
  async importUsers(
    @CurrentUser() user: AuthUser,
    @UploadedFile() file: { buffer: Buffer; originalname: string } | undefined,
    @Body() dto: DirectoryImportDto,
  ) {
    return this.importer.users(user, dto.regionId, await this.importer.readRows(file));
  }

  @Patch('users/:id')
  @ApiOperation({ summary: 'Curator/admin: edit a person (name, position, active)' })
  @ApiOkResponse({
    description: 'The person as saved',
    example: {
      id: EX.executor2,
      email: 'sokolova@diro.ru',
      fullName: 'Соколова Анна Викторовна',
      position: 'Руководитель ЦНППМ',
      active: true,
    },
  })
  @ApiInvalid(uuidProblem(), FULL_NAME_SHORT)
  @ApiForbidden(PEOPLE_MANAGERS_ONLY)
  @ApiNotFound(...USER_NOT_FOUND)
  updateUser(@CurrentUser() user: AuthUser, @Param('id', Uuid()) id: string, @Body() dto: UpdateUserDto) {
    return this.directory.updateUser(user, id, dto);
  }

  @Post('users/:id/roles')
  @ApiOperation({ summary: 'Curator/admin: grant a role in an organization' })
  @ApiCreatedResponse({
    description: 'The role assignment; its `id` revokes it',
    example: {
      id: EX.roleAssignment,
      userId: EX.executor2,
      organizationId: EX.institute,
      role: 'executor',
      createdAt: '2024-09-03T10:20:00.000Z',
    },
  })
  @ApiInvalid(uuidProblem(), ROLE_IN, ORG_NOT_FOUND)
  @ApiForbidden('Назначать роли можно только в организациях своего региона')
  @ApiNotFound(...USER_NOT_FOUND)
  @ApiConflict(problem('role_exists', 'Такая роль уже назначена'))
  addRole(@CurrentUser() user: AuthUser, @Param('id', Uuid()) id: string, @Body() dto: RoleInputDto) {
    return this.directory.addRole(user, id, dto);
  }

  @Delete('users/:id/roles/:roleId')
  @HttpCode(204)
  @ApiOperation({ summary: 'Curator/admin: revoke a role' })
  @ApiNoContentResponse({ description: 'Revoked' })
  @ApiInvalid(uuidProblem(), uuidProblem('roleId'))
  @ApiForbidden('Назначать роли можно только в организациях своего региона')
  @ApiNotFound('role_not_found', 'Роль не найдена')
  async removeRole(
    @CurrentUser() user: AuthUser,
    @Param('id', Uuid()) id: string,
    @Param('roleId', Uuid('roleId')) roleId: string,
  ): Promise<void> {
    await this.directory.removeRole(user, id, roleId);
  }

  @Post('users/:id/invite')
  @HttpCode(200)
  @ApiOperation({ summary: 'Curator/admin: (re)send the invitation email' })
  @ApiOkResponse({
    description: 'A new invitation link (valid 7 days) went out; earlier links stop working',
    example: { invited: true, email: 'sokolova@diro.ru' },
  })
  @ApiInvalid(uuidProblem())
  @ApiForbidden(PEOPLE_MANAGERS_ONLY)
  @ApiNotFound(...USER_NOT_FOUND)
  invite(@CurrentUser() user: AuthUser, @Param('id', Uuid()) id: string) {
    return this.directory.invite(user, id);
  }

  @Get('users/:id/deputies')
  @ApiOperation({ summary: 'Who stands in for the person, and when' })
  @ApiOkResponse({
    description: 'Latest period first',
    example: [
      {
        id: EX.deputy,
        deputyId: EX.executor2,
        deputyName: 'Соколова Анна Викторовна',
        from: '2024-07-01',
        to: '2024-07-14',
        reason: 'Отпуск',
      },
    ],
  })
  @ApiInvalid(uuidProblem())
  @ApiForbidden(DEPUTY_EDITORS)
  deputies(@CurrentUser() user: AuthUser, @Param('id', Uuid()) id: string) {
    return this.directory.deputies(user, id);
  }

  @Post('users/:id/deputies')
  @ApiOperation({ summary: 'Name a deputy for a date range: he gets the reminders and rights for that time' })
  @ApiCreatedResponse({
    description: 'The stand-in period; its `id` removes it',
    example: {
      id: EX.deputy,
      userId: EX.executor,
      deputyId: EX.executor2,
      from: '2024-07-01',
      to: '2024-07-14',
      reason: 'Отпуск',
      createdAt: '2024-06-20T11:02:00.000Z',
    },
  })
  @ApiInvalid(
    uuidProblem(),
    { field: 'from', constraint: 'matches', message: 'неверный формат' },
    problem('self_deputy', 'Нельзя назначить заместителем самого себя', 'deputyId'),
    problem('bad_range', 'Дата начала позже даты окончания', 'from'),
    problem('user_not_found', 'Заместитель не найден', 'deputyId'),
    problem('deputy_other_region', 'Заместитель должен работать в том же регионе', 'deputyId'),
  )
  @ApiForbidden(DEPUTY_EDITORS)
  addDeputy(@CurrentUser() user: AuthUser, @Param('id', Uuid()) id: string, @Body() dto: CreateDeputyDto) {
    return this.directory.addDeputy(user, id, dto);
  }

  @Delete('users/:id/deputies/:deputyId')
  @HttpCode(204)
  @ApiOperation({ summary: 'Remove a deputy period' })
  @ApiNoContentResponse({ description: 'Removed' })
  @ApiInvalid(uuidProblem(), uuidProblem('deputyId'))
  @ApiForbidden(DEPUTY_EDITORS)
  @ApiNotFound('deputy_not_found', 'Замещение не найдено')
  async removeDeputy(
    @CurrentUser() user: AuthUser,
    @Param('id', Uuid()) id: string,
    @Param('deputyId', Uuid('deputyId')) deputyId: string,
  ): Promise<void> {
    await this.directory.removeDeputy(user, id, deputyId);
  }
}
