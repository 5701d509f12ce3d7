import { Module } from '@nestjs/common';
import { AuthModule } from './auth/auth.module';
import { CommonModule } from './common/common.module';
import { CuratorsModule } from './curators/curators.module';
import { DemoModule } from './demo/demo.module';
import { DirectoryModule } from './directory/directory.module';
import { HeadsModule } from './heads/heads.module';
import { OccurrencesModule } from './occurrences/occurrences.module';
import { ReportsModule } from './reports/reports.module';
import { RoadmapsModule } from './roadmaps/roadmaps.module';
import { StorageModule } from './storage/storage.module';
import { WorkflowGatewayModule } from './temporal/workflow-gateway.module';

/** The control plane (issue 6): directory, roadmaps, occurrences, reviews, reports, and what they share. */
@Module({
  imports: [
    CommonModule,
    StorageModule,
    WorkflowGatewayModule,
    AuthModule,
    DirectoryModule,
    RoadmapsModule,
    OccurrencesModule,
    HeadsModule,
    CuratorsModule,
    ReportsModule,
    DemoModule,
  ],
})
export class ControlPlaneModule {}
