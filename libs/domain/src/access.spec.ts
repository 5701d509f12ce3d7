import {
  AccessScope,
  canReview,
  canSubmitEvidence,
  canViewOccurrence,
  canReassign,
  canManageRoadmaps,
  OccurrenceScope,
} from './access';

const scope = (over: Partial<AccessScope>): AccessScope => ({
  userId: 'u',
  actingFor: new Set(['u']),
  admin: false,
  curatorRegions: new Set(),
  headOrgs: new Set(),
  executorOrgs: new Set(),
  regions: new Set(['r1']),
  ...over,
});
const occurrence: OccurrenceScope = { regionId: 'r1', organizationIds: ['school'], executorIds: ['exec'] };

describe('access rules', () => {
  it('an executor sees and reports only his items, and never reviews', () => {
    const exec = scope({ userId: 'exec', actingFor: new Set(['exec']), executorOrgs: new Set(['school']) });
    const other = scope({
      userId: 'other',
      actingFor: new Set(['other']),
      executorOrgs: new Set(['school']),
    });
    expect(canViewOccurrence(exec, occurrence)).toBe(true);
    expect(canSubmitEvidence(exec, occurrence)).toBe(true);
    expect(canReview(exec, occurrence)).toBe(false);
    expect(canViewOccurrence(other, occurrence)).toBe(false);
  });

  it('a deputy acts for the person he stands in for', () => {
    const deputy = scope({ userId: 'dep', actingFor: new Set(['dep', 'exec']) });
    expect(canSubmitEvidence(deputy, occurrence)).toBe(true);
  });

  it('a head reaches his organization’s subtree only', () => {
    const head = scope({ headOrgs: new Set(['municipal', 'school']) });
    const otherHead = scope({ headOrgs: new Set(['institute']) });
    expect(canViewOccurrence(head, occurrence)).toBe(true);
    expect(canReassign(head, occurrence)).toBe(true);
    expect(canReview(head, occurrence)).toBe(false);
    expect(canViewOccurrence(otherHead, occurrence)).toBe(false);
  });

  it('a curator reaches his region only; an admin everywhere', () => {
    const curator = scope({ curatorRegions: new Set(['r1']) });
    const foreign = scope({ curatorRegions: new Set(['r2']), regions: new Set(['r2']) });
    expect(canReview(curator, occurrence)).toBe(true);
    expect(canManageRoadmaps(curator, 'r1')).toBe(true);
    expect(canReview(foreign, occurrence)).toBe(false);
    expect(canManageRoadmaps(foreign, 'r1')).toBe(false);
    expect(canReview(scope({ admin: true }), occurrence)).toBe(true);
  });
});
