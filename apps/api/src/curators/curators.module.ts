import { Module } from '@nestjs/common';
import { RoadmapsModule } from '../roadmaps/roadmaps.module';
import { CuratorsController } from './curators.controller';
import { CuratorsService } from './curators.service';

@Module({ imports: [RoadmapsModule], controllers: [CuratorsController], providers: [CuratorsService] })
export class CuratorsModule {}
