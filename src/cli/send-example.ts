import type { Command } from 'commander';
import { signIntake } from '../adapters/http/signature.js';
import { command, loadSettings } from './runtime.js';
import { UserError } from './user-error.js';

/** "ECONNREFUSED" rather than fetch's bare "fetch failed". */
const causeOf = (error: unknown) => ((error as { cause?: { code?: string } }).cause?.code ?? (error instanceof Error ? error.message : String(error)));

/** Posts one signed example to a running Liaison's intake, as a forum or form would. */
export function registerSendExample(program: Command): void {
  program
    .command('send-example')
    .description('post a signed example feedback to a running Liaison (default http://localhost:$PORT/intake/forum)')
    .option('--url <url>', 'where Liaison listens')
    .option('--key <key>', 'the webhook source key', 'forum')
    .option('--text <text>', 'the feedback', 'The garden planner crashes when I add a second raised bed.')
    .action(command(async (options: { url?: string; key: string; text: string }) => {
      const { env, loaded } = await loadSettings();
      const secret = loaded.webhookSecrets.get(options.key);
      if (!secret) throw new UserError(`There is no webhook source "${options.key}" in ${loaded.path}.`);
      const body = JSON.stringify({ id: `example-${Date.now()}`, text: options.text, author: { email: 'ada@example.org', name: 'Ada (forum)' } });
      const timestamp = String(Math.floor(Date.now() / 1000));
      const url = `${options.url ?? `http://localhost:${env.PORT}`}/intake/${options.key}`;
      const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', 'x-liaison-timestamp': timestamp, 'x-liaison-signature': signIntake(secret, timestamp, body) }, body }).catch((error: unknown) => {
        throw new UserError(`Nothing answered at ${url} (${causeOf(error)}). Is Liaison running? Start it with npm start, or pass --url.`);
      });
      process.stdout.write(`${response.status} ${await response.text()}\n`);
      return response.ok ? 0 : 1;
    }));
}
