import { CanActivate, ExecutionContext, Injectable, NotFoundException } from '@nestjs/common';
import type { Request } from 'express';
import { AppConfig } from '../config';

const LOOPBACK = new Set(['127.0.0.1', '::1', '::ffff:127.0.0.1']);

/**
 * Development helpers (the demo loader, the caught mail with its invitation links) exist only outside
 * production and only for a caller on this machine: an API that listens on a network by mistake in
 * development mode still does not hand out the demo admin or other people's mail.
 */
@Injectable()
export class DevOnlyGuard implements CanActivate {
  constructor(private readonly config: AppConfig) {}

  canActivate(context: ExecutionContext): boolean {
    const request = context.switchToHttp().getRequest<Request>();
    if (this.config.nodeEnv === 'production' || !LOOPBACK.has(request.socket.remoteAddress ?? ''))
      throw new NotFoundException();
    return true;
  }
}
