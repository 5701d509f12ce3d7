/** Who did what: `actorId` is the person who clicked; `onBehalfOfId` the one he deputises for, when he does. */
export interface AuditRecord {
  actorId: string | null;
  onBehalfOfId?: string | null;
  action: string;
  entityType: string;
  entityId: string;
  regionId?: string | null;
  before?: unknown;
  after?: unknown;
}
