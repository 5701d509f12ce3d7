export { createActivities, messageIdFor } from './activities';
export type { Activities, ActivityDeps } from './activities';
export * from './ports';
export { render } from './templates';
export { ruDate, ruDue } from './russian';
