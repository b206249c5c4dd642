// How a server of the grader's (a page server, a fake API) is made reachable from learner code, whatever the isolation.
import type { Server } from 'node:net';

// What an exercise's fixture is handed: it never listens on its own, so the run layer can route to it.
export interface ServiceHost {
  // Makes `server` reachable from learner code as http://127.0.0.1:<port>.
  expose(server: Server): Promise<{ port: number }>;
}

// Learner code shares the grader's network: the server listens on the loopback interface.
export const loopbackHost: ServiceHost = {
  expose: (server) =>
    new Promise((resolve, reject) => {
      server.once('error', reject);
      server.listen(0, '127.0.0.1', () => {
        server.off('error', reject);
        const address = server.address();
        if (address === null || typeof address === 'string') reject(new Error('the server has no TCP address'));
        else resolve({ port: address.port });
      });
    }),
};
