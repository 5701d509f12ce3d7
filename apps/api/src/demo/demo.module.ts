import { Module } from '@nestjs/common';
import { RoadmapsModule } from '../roadmaps/roadmaps.module';
import { DemoController } from './demo.controller';
import { DemoService } from './demo.service';

@Module({
  imports: [RoadmapsModule],
  controllers: [DemoController],
  providers: [DemoService],
  exports: [DemoService],
})
export class DemoModule {}
