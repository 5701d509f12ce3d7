import { ApiProperty } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsUUID } from 'class-validator';
import { EX } from '../common/api-docs';
import { TaskDto } from '../occurrences/occurrence.dto';

export class ReassignDto {
  @ApiProperty({
    format: 'uuid',
    example: EX.institute,
    description: 'The organization whose part of the activity is reassigned',
  })
  @IsUUID()
  organizationId!: string;

  @ApiProperty({
    type: [String],
    example: [EX.executor2],
    description: 'The executors from now on (replaces the list)',
  })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(20)
  @IsUUID('all', { each: true })
  userIds!: string[];
}

/** An item of the head's overview: a task of one of his organizations, with its executors. */
export class HeadTaskDto extends TaskDto {
  @ApiProperty({
    example: 'Иванова Мария Сергеевна',
    nullable: true,
    description: 'Executors of this organization’s part, comma-separated',
  })
  executors!: string | null;
}

export class HeadsOverviewDto {
  @ApiProperty({
    type: [String],
    example: [EX.institute],
    description: 'The organizations he heads, with their subordinate ones',
  })
  organizationIds!: string[];
  @ApiProperty({ type: [HeadTaskDto] }) overdue!: HeadTaskDto[];
  @ApiProperty({ type: [HeadTaskDto], description: 'Not overdue, due within `days`' })
  dueSoon!: HeadTaskDto[];
}
