import { readFile } from 'node:fs/promises';
import { Command } from 'commander';
import { PermissionFlagsBits } from 'discord.js';
import { BOT_PERMISSIONS, botPermissions } from '../../src/adapters/discord/bot-permissions.js';
import { afterEach, describe, expect, it } from 'vitest';
import { CHAT_COMMANDS, MESSAGE_COMMANDS } from '../../src/adapters/discord/commands/handlers/index.js';
import { registerDiscordCommands } from '../../src/cli/discord-register.js';
import { FakeDiscord, FAKE_TOKEN } from './fakes/fake-discord.js';
import { APPLICATION_ID, type Json } from './fakes/fake-state.js';

interface Option { type: number; name: string; description: string; required?: boolean; options?: Option[]; choices?: unknown[] }
type Registered = { type: number; name: string; description?: string; contexts?: number[]; options?: Option[] };

describe('liaison discord register', () => {
  let discord: FakeDiscord | undefined;
  afterEach(async () => discord?.stop());

  async function register(args: string[]) {
    discord = await new FakeDiscord(() => new Date()).start();
    const out: string[] = [];
    const program = new Command('liaison').exitOverride();
    registerDiscordCommands(program, { env: { DISCORD_TOKEN: FAKE_TOKEN, DISCORD_APPLICATION_ID: APPLICATION_ID, DISCORD_API_URL: discord.apiUrl }, out: (line) => out.push(line) });
    await program.parseAsync(['node', 'liaison', 'discord', 'register', ...args]);
    return { calls: discord.rest.calls.filter((c) => c.method === 'PUT'), out };
  }

  it('registers the commands in one guild when given --guild, replacing what was there', async () => {
    const { calls, out } = await register(['--guild', '1100']);
    expect(calls.map((c) => c.path)).toEqual([`/applications/${APPLICATION_ID}/guilds/1100/commands`]);
    expect(out[0]).toBe('Registered 4 commands (guild 1100): feedback, escalate, liaison, Send to Liaison');
    expect(out[1]).toBe(`Invite link (bot + commands, with the permissions Liaison uses): https://discord.com/oauth2/authorize?client_id=${APPLICATION_ID}&scope=bot+applications.commands&permissions=326417599488`);
  });

  it('registers globally without --guild, with payloads Discord accepts', async () => {
    const { calls } = await register([]);
    expect(calls.map((c) => c.path)).toEqual([`/applications/${APPLICATION_ID}/commands`]);
    const body = calls[0]?.body as unknown as Registered[];
    expect(body.map((c) => [c.type, c.name])).toEqual([[1, 'feedback'], [1, 'escalate'], [1, 'liaison'], [3, 'Send to Liaison']]);
    expect(body.every((c) => c.contexts?.length === 1 && c.contexts[0] === 0)).toBe(true);
    const liaison = body.find((c) => c.name === 'liaison');
    expect(liaison?.options?.map((o) => [o.type, o.name])).toEqual([[1, 'history'], [1, 'status'], [1, 'digest'], [1, 'snooze'], [1, 'merge'], [1, 'link'], [1, 'unlink'], [1, 'web'], [1, 'help']]);
    expect(body.find((c) => c.name === 'escalate')?.options?.map((o) => `${o.name}${o.required ? '*' : ''}`)).toEqual(['item*', 'reason*', 'team', 'priority']);
    // Discord's rules for chat-input commands: lower-case names of 1–32 characters, descriptions of 1–100,
    // required options before optional ones, at most 25 options.
    const options = (list: Option[] = []): Option[] => list.flatMap((o) => [o, ...options(o.options)]);
    for (const command of body.filter((c) => c.type === 1)) {
      for (const item of [command, ...options(command.options)]) {
        expect(item.name).toMatch(/^[-_a-z0-9]{1,32}$/);
        expect(item.description?.length).toBeGreaterThan(0);
        expect(item.description?.length).toBeLessThanOrEqual(100);
      }
      for (const list of [command.options ?? [], ...options(command.options).map((o) => o.options ?? [])]) {
        expect(list.length).toBeLessThanOrEqual(25);
        const firstOptional = list.findIndex((o) => !o.required);
        if (firstOptional >= 0) expect(list.slice(firstOptional).filter((o) => o.required)).toEqual([]);
      }
    }
  });

  it('documents the invite permissions the code computes', async () => {
    const doc = await readFile(new URL('../../README.md', import.meta.url), 'utf8');
    expect(doc).toContain(`permissions=${botPermissions()}`);
    for (const name of Object.keys(BOT_PERMISSIONS)) expect(doc).toContain(`| ${PermissionFlagsBits[name as keyof typeof PermissionFlagsBits]} |`);
  });

  it('registers exactly the commands the dispatcher has handlers for', async () => {
    const { calls } = await register([]);
    const names = (calls[0]?.body as unknown as Json[]).map((c) => String(c.name));
    expect(names.sort()).toEqual([...CHAT_COMMANDS.keys(), ...MESSAGE_COMMANDS.keys()].sort());
  });
});
