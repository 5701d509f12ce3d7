import {
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
import { ApiBody, ApiConsumes, ApiOkResponse, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
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
  RoleInputDto,
  UpdateOrganizationDto,
  UpdateUserDto,
} from './directory.dto';
import { DirectoryService } from './directory.service';

const IMPORT_REPORT = {
  schema: {
    example: {
      created: 12,
      updated: 1,
      skipped: 0,
      errors: [{ row: 7, message: 'организация «ЦНППИМ» не найдена в справочнике региона' }],
    },
  },
};

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
  @ApiOkResponse({
    schema: { example: [{ id: '…', code: 'kostroma', name: 'Костромская область', tz: 'Europe/Moscow' }] },
  })
  regions(@CurrentUser() user: AuthUser) {
    return this.directory.regions(user);
  }

  @Post('regions')
  @ApiOperation({ summary: 'Admin: add a region (a tenant) with its time zone' })
  createRegion(@CurrentUser() user: AuthUser, @Body() dto: CreateRegionDto) {
    return this.directory.createRegion(user, dto);
  }

  @Get('organizations')
  @ApiOperation({ summary: 'Organizations of a region (the tree is given by parentId)' })
  @ApiQuery({ name: 'regionId', required: true })
  organizations(@CurrentUser() user: AuthUser, @Query('regionId', Uuid('regionId')) regionId: string) {
    return this.directory.organizations(user, regionId);
  }

  @Post('organizations')
  @ApiOperation({ summary: 'Curator/admin: add an organization (kind, parent, aliases)' })
  createOrganization(@CurrentUser() user: AuthUser, @Body() dto: CreateOrganizationDto) {
    return this.directory.createOrganization(user, dto);
  }

  @Patch('organizations/:id')
  @ApiOperation({ summary: 'Curator/admin: edit an organization' })
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
  @ApiOkResponse(IMPORT_REPORT)
  async importOrganizations(
    @CurrentUser() user: AuthUser,
    @UploadedFile() file: { buffer: Buffer; originalname: string } | undefined,
    @Body() dto: DirectoryImportDto,
  ) {
    return this.importer.organizations(user, dto.regionId, await this.importer.readRows(file));
  }

  @Get('users')
  @ApiOperation({ summary: 'People of a region with their roles' })
  @ApiQuery({ name: 'regionId', required: true })
  users(@CurrentUser() user: AuthUser, @Query('regionId', Uuid('regionId')) regionId: string) {
    return this.directory.users(user, regionId);
  }

  @Post('users')
  @ApiOperation({ summary: 'Curator/admin: add a person with roles; `invite: true` emails an invitation' })
  createUser(@CurrentUser() user: AuthUser, @Body() dto: CreateUserDto) {
    return this.directory.createUser(user, dto);
  }

  @Post('users/import')
  @UseInterceptors(FileInterceptor('file'))
  @ApiConsumes('multipart/form-data')
  @ApiBody({ type: DirectoryImportFormDto })
  @ApiOperation({ summary: 'Curator/admin: bulk-import people and roles from CSV or XLSX' })
  @ApiOkResponse(IMPORT_REPORT)
  async importUsers(
    @CurrentUser() user: AuthUser,
    @UploadedFile() file: { buffer: Buffer; originalname: string } | undefined,
    @Body() dto: DirectoryImportDto,
  ) {
    return this.importer.users(user, dto.regionId, await this.importer.readRows(file));
  }

  @Patch('users/:id')
  @ApiOperation({ summary: 'Curator/admin: edit a person (name, position, active)' })
  updateUser(@CurrentUser() user: AuthUser, @Param('id', Uuid()) id: string, @Body() dto: UpdateUserDto) {
    return this.directory.updateUser(user, id, dto);
  }

  @Post('users/:id/roles')
  @ApiOperation({ summary: 'Curator/admin: grant a role in an organization' })
  addRole(@CurrentUser() user: AuthUser, @Param('id', Uuid()) id: string, @Body() dto: RoleInputDto) {
    return this.directory.addRole(user, id, dto);
  }

  @Delete('users/:id/roles/:roleId')
  @HttpCode(204)
  @ApiOperation({ summary: 'Curator/admin: revoke a role' })
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
  invite(@CurrentUser() user: AuthUser, @Param('id', Uuid()) id: string) {
    return this.directory.invite(user, id);
  }

  @Get('users/:id/deputies')
  @ApiOperation({ summary: 'Who stands in for the person, and when' })
  deputies(@CurrentUser() user: AuthUser, @Param('id', Uuid()) id: string) {
    return this.directory.deputies(user, id);
  }

  @Post('users/:id/deputies')
  @ApiOperation({ summary: 'Name a deputy for a date range: he gets the reminders and rights for that time' })
  addDeputy(@CurrentUser() user: AuthUser, @Param('id', Uuid()) id: string, @Body() dto: CreateDeputyDto) {
    return this.directory.addDeputy(user, id, dto);
  }

  @Delete('users/:id/deputies/:deputyId')
  @HttpCode(204)
  @ApiOperation({ summary: 'Remove a deputy period' })
  async removeDeputy(
    @CurrentUser() user: AuthUser,
    @Param('id', Uuid()) id: string,
    @Param('deputyId', Uuid('deputyId')) deputyId: string,
  ): Promise<void> {
    await this.directory.removeDeputy(user, id, deputyId);
  }
}
