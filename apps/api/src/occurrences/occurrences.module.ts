import { Module } from '@nestjs/common';
import { MulterModule } from '@nestjs/platform-express';
import { AppConfig } from '../config';
import { EvidenceService } from './evidence.service';
import { OccurrenceContextLoader } from './occurrence-context';
import {
  DeadlineChangesController,
  EvidenceFilesController,
  MeController,
  OccurrencesController,
} from './occurrences.controller';
import { OccurrencesService } from './occurrences.service';
import { ReviewService } from './review.service';

@Module({
  imports: [
    MulterModule.registerAsync({
      inject: [AppConfig],
      // One over the limit so the service can answer "too many files" in Russian rather than multer in English.
      useFactory: (f: AppConfig) => ({
        limits: { fileSize: f.upload.maxFileBytes + 1, files: f.upload.maxFiles + 1 },
      }),
    }),
  ],
  controllers: [OccurrencesController, DeadlineChangesController, EvidenceFilesController, MeController],
  providers: [OccurrencesService, EvidenceService, ReviewService, OccurrenceContextLoader],
  exports: [OccurrenceContextLoader, OccurrencesService],
})
export class OccurrencesModule {}
