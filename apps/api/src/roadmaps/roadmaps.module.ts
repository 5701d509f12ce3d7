import { Module } from '@nestjs/common';
import { MulterModule } from '@nestjs/platform-express';
import { AppConfig } from '../config';
import { DirectoryMatcher } from './directory-matcher.service';
import { RoadmapEngines } from './engines';
import { LaunchService } from './launch.service';
import { ActivitiesController, RoadmapsController } from './roadmaps.controller';
import { RoadmapsService } from './roadmaps.service';

@Module({
  imports: [
    MulterModule.registerAsync({
      inject: [AppConfig],
      useFactory: (f: AppConfig) => ({ limits: { fileSize: f.upload.maxRoadmapBytes, files: 1 } }),
    }),
  ],
  controllers: [RoadmapsController, ActivitiesController],
  providers: [RoadmapsService, LaunchService, DirectoryMatcher, RoadmapEngines],
  exports: [RoadmapsService, LaunchService, RoadmapEngines],
})
export class RoadmapsModule {}
