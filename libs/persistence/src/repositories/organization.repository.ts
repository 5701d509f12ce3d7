import { EntityManager } from 'typeorm';

/** Queries over the organization tree. */
export class OrganizationRepository {
  constructor(private readonly manager: EntityManager) {}

  /** The given organizations and all of their descendants. */
  async subtreeIds(rootIds: readonly string[]): Promise<string[]> {
    if (rootIds.length === 0) return [];
    const rows: Array<{ id: string }> = await this.manager.query(
      `WITH RECURSIVE tree AS (
         SELECT id FROM organizations WHERE id = ANY($1::uuid[])
         UNION
         SELECT o.id FROM organizations o JOIN tree t ON o.parent_id = t.id)
       SELECT id FROM tree`,
      [rootIds],
    );
    return rows.map((r) => r.id);
  }

  /** True when `candidateParentId` is `orgId` itself or one of its descendants (a cycle). */
  async wouldCycle(orgId: string, candidateParentId: string): Promise<boolean> {
    const subtree = await this.subtreeIds([orgId]);
    return subtree.includes(candidateParentId);
  }
}
