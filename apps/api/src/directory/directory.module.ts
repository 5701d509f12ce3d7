import { Module } from '@nestjs/common';
import { MulterModule } from '@nestjs/platform-express';
import { DirectoryImportService } from './directory-import.service';
import { DirectoryController } from './directory.controller';
import { DirectoryService } from './directory.service';

@Module({
  imports: [MulterModule.register({ limits: { fileSize: 10 * 1024 * 1024, files: 1 } })],
  controllers: [DirectoryController],
  providers: [DirectoryService, DirectoryImportService],
  exports: [DirectoryService],
})
export class DirectoryModule {}
