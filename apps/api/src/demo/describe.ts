import type { DemoSummary } from './demo.service';

/** The lines `karta dev` prints after loading the demo. */
export function describeDemo(summary: DemoSummary): string {
  const width = Math.max(...summary.users.map((u) => u.email.length));
  return [
    `Demo: region loaded${summary.created ? '' : ' (already there)'}, roadmap ${summary.roadmapId}` +
      (summary.launch
        ? `: ${summary.launch.activities} activities, ${summary.launch.occurrences} occurrences, ${summary.launch.workflows.started} workflows started, ${summary.launch.pastDue} past due at launch`
        : ''),
    `Demo users (password: ${summary.password}):`,
    ...summary.users.map((u) => `  ${u.email.padEnd(width)}  ${u.role.padEnd(8)}  ${u.fullName}`),
  ].join('\n');
}
