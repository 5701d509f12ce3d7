export { pingWorkflow } from '../../../workflows/src/ping.workflow';
export { activityWorkflow, digestWorkflow } from '../../../workflows/src/workflows';
