import { Controller, HttpCode, Post, UseGuards } from '@nestjs/common';
import { ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { EX } from '../common/api-docs';
import { DevOnlyGuard } from '../dev/dev-only.guard';
import { DemoService, DemoSummary } from './demo.service';

/** Loads the demo on request of the development supervisor (`karta dev`); absent in production. */
@ApiTags('dev')
@UseGuards(DevOnlyGuard)
@Controller('dev/demo')
export class DemoController {
  constructor(private readonly demo: DemoService) {}

  @Post()
  @HttpCode(200)
  @ApiOperation({
    summary: 'Development only: load (idempotently) the demo region, users and a launched roadmap',
  })
  @ApiOkResponse({
    description: '`launch` is absent once the demo roadmap has been closed',
    example: {
      created: true,
      regionId: EX.region,
      roadmapId: EX.roadmap,
      password: 'karta-demo-2024',
      users: [
        { email: 'admin@demo.karta', role: 'admin', fullName: 'Администратор Системы' },
        { email: 'curator@demo.karta', role: 'curator', fullName: 'Смирнова Ольга Викторовна' },
        { email: 'head@demo.karta', role: 'head', fullName: 'Ковалёв Андрей Петрович' },
        { email: 'executor@demo.karta', role: 'executor', fullName: 'Иванова Мария Сергеевна' },
      ],
      launch: {
        activities: 7,
        occurrences: 14,
        workflows: { started: 7, pending: 0, failed: 0 },
        pastDue: 2,
      },
    },
  })
  @ApiNotFoundResponse({
    description: 'NODE_ENV=production, or a caller on another machine',
    example: { statusCode: 404, message: 'Not Found' },
  })
  load(): Promise<DemoSummary> {
    return this.demo.load();
  }
}
