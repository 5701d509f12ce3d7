import * as net from 'node:net';
import { busyPorts, canConnect, freePorts, isPortFree } from './ports';

describe('ports', () => {
  it('tells busy ports from free ones, by name', async () => {
    const server = net.createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const taken = (server.address() as net.AddressInfo).port;
    const [free] = await freePorts(1);
    try {
      expect(await isPortFree(taken)).toBe(false);
      expect(await isPortFree(free)).toBe(true);
      expect(await canConnect(taken)).toBe(true);
      expect(
        await busyPorts([
          { name: 'API', port: taken },
          { name: 'SMTP', port: free },
        ]),
      ).toEqual([{ name: 'API', port: taken }]);
    } finally {
      server.close();
    }
  });

  it('hands out distinct free ports', async () => {
    const ports = await freePorts(5);
    expect(new Set(ports).size).toBe(5);
  });
});
