export { AuditRepository } from './audit.repository';
export { OrganizationRepository } from './organization.repository';
export { ProjectionRepository } from './projection.repository';
