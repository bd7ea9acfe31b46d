import type { Command } from 'commander';
import { z } from 'zod';
import { signIntake } from '../adapters/http/signature.js';
import { zonedTime } from '../adapters/local-time.js';
import { webLinks } from '../adapters/web/web-links.js';
import type { LiaisonConfig } from '../config/schema.js';
import { command, loadSettings } from './runtime.js';
import { UserError } from './user-error.js';

/** "ECONNREFUSED" rather than fetch's bare "fetch failed". */
const causeOf = (error: unknown) => ((error as { cause?: { code?: string } }).cause?.code ?? (error instanceof Error ? error.message : String(error)));

/** What the intake answers (src/adapters/http/intake-route.ts), parsed rather than trusted. */
const IntakeAnswer = z.union([
  z.object({ status: z.literal('created'), itemId: z.number(), teams: z.array(z.string()) }),
  z.object({ status: z.literal('duplicate'), itemId: z.number() }),
  z.object({ status: z.literal('ignored'), reason: z.string() }),
]);
const IntakeRefusal = z.object({ error: z.string(), problems: z.array(z.string()).optional() });

/** The intake's answer as a sentence, with where to see the card. */
function answerWords(body: unknown, config: LiaisonConfig, base: string): string | undefined {
  const answer = IntakeAnswer.safeParse(body);
  if (!answer.success) return undefined;
  const { data } = answer;
  if (data.status === 'ignored') return `Liaison stored nothing: ${data.reason}.`;
  const link = `${base}${webLinks.item(data.itemId)}`;
  if (data.status === 'duplicate') return `Liaison already had this as item #${data.itemId}: ${link}`;
  const teams = data.teams.map((key) => config.teams[key]?.name ?? key);
  return `Liaison captured it as item #${data.itemId} and routed it to ${teams.join(' and ') || 'no team'}. The card is printed where Liaison runs; act on it at ${link}`;
}

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
      const sentAt = new Date();
      const body = JSON.stringify({ id: `example-${sentAt.getTime()}`, text: options.text, author: { email: 'ada@example.org', name: 'Ada (forum)' } });
      const timestamp = String(Math.floor(sentAt.getTime() / 1000));
      const base = (options.url ?? `http://localhost:${env.PORT}`).replace(/\/+$/, '');
      const url = `${base}/intake/${options.key}`;
      const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', 'x-liaison-timestamp': timestamp, 'x-liaison-signature': signIntake(secret, timestamp, body) }, body }).catch((error: unknown) => {
        throw new UserError(`Nothing answered at ${url} (${causeOf(error)}). Is Liaison running? Start it with npm start, or pass --url.`);
      });
      const text = await response.text();
      const json = ((): unknown => {
        try {
          return JSON.parse(text);
        } catch {
          return undefined;
        }
      })();
      const words = response.ok ? answerWords(json, loaded.config, base) : undefined;
      if (words) {
        process.stdout.write(`Sent “${options.text}” to ${url} at ${zonedTime(sentAt, loaded.config.timezone)}.\n${words}\n`);
        return 0;
      }
      const refusal = IntakeRefusal.safeParse(json);
      const why = refusal.success ? [refusal.data.error, ...(refusal.data.problems ?? [])].join('; ') : text.slice(0, 300);
      process.stderr.write(`${url} answered ${response.status}: ${why}\n`);
      return 1;
    }));
}
