import type { Command } from 'commander';
import { command, loadSettings, type Settings } from './runtime.js';

export interface CheckIo {
  out?: (line: string) => void;
}

/** The lines a set-up check prints: what is fine, and what is to fix (counted for the closing line and the exit code). */
export class Checklist {
  problems = 0;
  /** Set when nothing past this line could be checked (the platform refused the token). */
  stopped = false;

  constructor(private readonly out: (line: string) => void) {}

  say(line: string): void {
    this.out(line);
  }

  /** A line naming `count` things the operator must fix. */
  fix(line: string, count = 1): void {
    this.problems += count;
    this.out(line);
  }

  stop(line: string): void {
    this.stopped = true;
    this.out(line);
  }
}

export interface SetupCheck {
  /** As the closing line names it: "Slack is ready for Liaison." */
  platform: string;
  /** The parent command (`liaison slack …`), made if no other command made it first. */
  parent: { name: string; description: string };
  description: string;
  run(settings: Settings, list: Checklist): Promise<void>;
}

/**
 * `liaison <platform> check`: load the settings, let the platform print its checklist, close with one line saying
 * whether it is ready or how many things to fix; exit 0 only when there is nothing to fix.
 */
export function registerSetupCheck(program: Command, check: SetupCheck, io: CheckIo = {}): void {
  const parent = program.commands.find((c) => c.name() === check.parent.name) ?? program.command(check.parent.name).description(check.parent.description);
  parent
    .command('check')
    .description(check.description)
    .action(command(async () => {
      const list = new Checklist(io.out ?? ((line: string) => process.stdout.write(`${line}\n`)));
      await check.run(await loadSettings(), list);
      if (list.stopped) return 1;
      list.say(list.problems === 0 ? `${check.platform} is ready for Liaison.` : `${check.platform}: ${list.problems} thing${list.problems === 1 ? '' : 's'} to fix (above).`);
      return list.problems === 0 ? 0 : 1;
    }));
}
