import { Controller, HttpCode, Post, UseGuards } from '@nestjs/common';
import { ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
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
    schema: {
      example: {
        created: true,
        regionId: '…',
        roadmapId: '…',
        password: 'karta-demo-2024',
        users: [{ email: 'curator@demo.karta', role: 'curator', fullName: 'Смирнова Ольга Викторовна' }],
        launch: {
          activities: 7,
          occurrences: 14,
          workflows: { started: 7, pending: 0, failed: 0 },
          pastDue: 4,
        },
      },
    },
  })
  @ApiNotFoundResponse({ description: 'NODE_ENV=production, or a caller on another machine' })
  load(): Promise<DemoSummary> {
    return this.demo.load();
  }
}
