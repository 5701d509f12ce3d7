import { Global, Module } from '@nestjs/common';
import { AppConfig } from '../config';
import { LocalDiskStorage } from './local-disk.storage';
import { ObjectStorage } from './object-storage';
import { S3Storage } from './s3.storage';
import { UploadsController } from './uploads.controller';

@Global()
@Module({
  controllers: [UploadsController],
  providers: [
    {
      provide: ObjectStorage,
      inject: [AppConfig],
      useFactory: ({ storage }: AppConfig): ObjectStorage =>
        storage.driver === 's3' ? new S3Storage(storage) : new LocalDiskStorage(storage.dir),
    },
  ],
  exports: [ObjectStorage],
})
export class StorageModule {}
