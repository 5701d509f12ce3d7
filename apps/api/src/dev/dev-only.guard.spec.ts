import { ExecutionContext, NotFoundException } from '@nestjs/common';
import { AppConfig } from '../config';
import { DevOnlyGuard } from './dev-only.guard';

const call = (nodeEnv: AppConfig['nodeEnv'], remoteAddress: string) =>
  new DevOnlyGuard({ nodeEnv } as AppConfig).canActivate({
    switchToHttp: () => ({ getRequest: () => ({ socket: { remoteAddress } }) }),
  } as unknown as ExecutionContext);

describe('DevOnlyGuard', () => {
  it('lets a caller on this machine in, outside production', () => {
    for (const address of ['127.0.0.1', '::1', '::ffff:127.0.0.1'])
      expect(call('development', address)).toBe(true);
  });

  it('hides the route from other machines and in production', () => {
    expect(() => call('development', '10.0.0.5')).toThrow(NotFoundException);
    expect(() => call('development', '::ffff:192.168.1.20')).toThrow(NotFoundException);
    expect(() => call('production', '127.0.0.1')).toThrow(NotFoundException);
  });
});
