import { ApiProperty } from '@nestjs/swagger';
import { EX } from '../common/api-docs';
import { TaskDto } from '../occurrences/occurrence.dto';

export class SubmittedEvidenceDto {
  @ApiProperty({ format: 'uuid', example: EX.evidence }) id!: string;
  @ApiProperty({ example: 2, description: 'Version of the evidence (1 for the first submission)' })
  version!: number;
  @ApiProperty({ format: 'date-time', example: '2024-11-27T09:41:12.000Z' }) submittedAt!: string;
  @ApiProperty({ example: 'Иванова Мария Сергеевна' }) submittedBy!: string;
}

/** An occurrence waiting for the curator's decision, with the evidence version to decide on. */
export class ReviewQueueItemDto extends TaskDto {
  @ApiProperty({ example: 'submitted' }) override status!: string;
  @ApiProperty({ example: null, nullable: true, description: 'Not filled in the review queue' })
  override organization!: string | null;
  @ApiProperty({ example: null, nullable: true, description: 'Not filled in the review queue' })
  override organizationId!: string | null;
  @ApiProperty({
    type: SubmittedEvidenceDto,
    nullable: true,
    description: 'The latest accepted evidence version; null while the workflow has not confirmed it',
  })
  evidence!: SubmittedEvidenceDto | null;
}
