import { Global, Module } from '@nestjs/common';
import { CommandDispatcher } from './command-dispatcher';
import { WorkflowGateway } from './workflow-gateway';

/** The Temporal gateway and the command outbox every feature sends human actions through. */
@Global()
@Module({
  providers: [WorkflowGateway, CommandDispatcher],
  exports: [WorkflowGateway, CommandDispatcher],
})
export class WorkflowGatewayModule {}
