import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import { AppConfig } from '../config';
import { Auth } from '../common/auth.decorators';
import { evidenceUploadLimits } from './file-inspection';

export class UploadLimitsDto {
  @ApiProperty({ example: 20971520, description: 'Largest evidence file accepted, in bytes' })
  maxFileBytes!: number;
  @ApiProperty({ example: 10, description: 'Most files in one submission' }) maxFiles!: number;
  @ApiProperty({
    type: [String],
    example: ['application/pdf', 'image/jpeg'],
    description: 'Content types accepted (recognised by content, not by name)',
  })
  mimeTypes!: string[];
  @ApiProperty({
    type: [String],
    example: ['pdf', 'jpg', 'jpeg'],
    description: 'The matching file-name extensions, lower case, without the dot',
  })
  extensions!: string[];
}

@ApiTags('occurrences')
@Auth()
@Controller('uploads')
export class UploadsController {
  constructor(private readonly config: AppConfig) {}

  @Get('limits')
  @ApiOperation({ summary: 'The evidence upload limits the server enforces: size, count, accepted types' })
  @ApiOkResponse({ type: UploadLimitsDto })
  limits(): UploadLimitsDto {
    return evidenceUploadLimits(this.config.upload);
  }
}
