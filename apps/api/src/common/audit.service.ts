import { Injectable } from '@nestjs/common';
import { InjectEntityManager } from '@nestjs/typeorm';
import { EntityManager } from 'typeorm';
import type { AuditRecord } from '@karta/domain';
import { AuditRepository } from '@karta/persistence';

/** Appends audit events; pass the transaction's manager so the event commits with the change it records. */
@Injectable()
export class AuditService {
  constructor(@InjectEntityManager() private readonly manager: EntityManager) {}

  record(record: AuditRecord, manager: EntityManager = this.manager): Promise<void> {
    return new AuditRepository(manager).append(record);
  }
}
