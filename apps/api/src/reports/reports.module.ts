import { Module } from '@nestjs/common';
import { RoadmapsModule } from '../roadmaps/roadmaps.module';
import { ReportsController } from './reports.controller';
import { ReportsService } from './reports.service';

@Module({ imports: [RoadmapsModule], controllers: [ReportsController], providers: [ReportsService] })
export class ReportsModule {}
