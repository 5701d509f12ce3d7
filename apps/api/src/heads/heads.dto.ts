import { ApiProperty } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsUUID } from 'class-validator';

export class ReassignDto {
  @ApiProperty({ format: 'uuid', description: 'The organization whose part of the activity is reassigned' })
  @IsUUID()
  organizationId!: string;

  @ApiProperty({
    type: [String],
    example: ['3f2c…'],
    description: 'The executors from now on (replaces the list)',
  })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(20)
  @IsUUID('all', { each: true })
  userIds!: string[];
}
