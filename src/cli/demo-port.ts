import { createServer } from 'node:net';
import type { Env } from '../config/env.js';
import { StartupError } from '../db/startup-error.js';

/**
 * The port the demo's web app will listen on, chosen before the week is played so that the cards it prints link to
 * it: PORT (3000 by default), or, when PORT was not set and 3000 is taken (most likely by `npm start` in another
 * terminal), any free one.
 */
export async function demoPort(env: Pick<Env, 'PORT' | 'HOST'>, portWasSet: boolean): Promise<number> {
  try {
    return await listenOnce(env.PORT, env.HOST);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EADDRINUSE') throw error;
    if (portWasSet) throw new StartupError(`Port ${env.PORT} on ${env.HOST} is already in use (another Liaison?); set PORT to use another, or run the demo with --no-serve.`);
    return listenOnce(0, env.HOST);
  }
}

function listenOnce(port: number, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(port, host, () => {
      const address = server.address();
      const chosen = typeof address === 'object' && address ? address.port : port;
      server.close(() => resolve(chosen));
    });
  });
}
