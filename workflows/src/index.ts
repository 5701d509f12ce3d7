/**
 * What the rest of the system may import from `workflows/` (alias `@karta/workflows`): the message contract,
 * the pure schedule functions and the activity contract types. The workflow functions themselves are loaded
 * by the worker from `workflows/src/workflows.ts` (bundled), never imported.
 */
export * from './messages';
export type * from './activity-contract';
export { planFor, planCheckpoints, reminderSteps, escalationStep, effectiveDue } from './schedule';
export type { Checkpoint, Step, ScheduleContext } from './schedule';
export { calendarFor } from './calendar';
