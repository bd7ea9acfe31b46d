import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../lifecycle/helpers/liaison-process.js';

const run = promisify(execFile);

/** Records every module a fresh Node process resolves (a loader hook) while it imports the given project files. */
async function packagesLoadedBy(files: string[]): Promise<string[]> {
  const hooks = `let port; export function initialize(data) { port = data.port; } export async function resolve(specifier, context, next) { const resolved = await next(specifier, context); port.postMessage(resolved.url); return resolved; }`;
  const script = `
    import { register } from 'node:module';
    import { MessageChannel } from 'node:worker_threads';
    const { port1, port2 } = new MessageChannel();
    const urls = new Set();
    port1.on('message', (url) => urls.add(url));
    register('data:text/javascript,' + encodeURIComponent(${JSON.stringify(hooks)}), { data: { port: port2 }, transferList: [port2] });
    for (const file of ${JSON.stringify(files)}) await import(new URL(file, 'file://${ROOT}/').href);
    await new Promise((resolve) => setTimeout(resolve, 200));
    port1.close();
    process.stdout.write(JSON.stringify([...urls]));`;
  const { stdout } = await run(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { cwd: ROOT, timeout: 60_000 });
  const packages = (JSON.parse(stdout) as string[]).flatMap((url) => /node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(url)?.[1] ?? []);
  return [...new Set(packages)].sort();
}

describe('what starting the bot loads', () => {
  it('leaves out the chat, tracker and chart SDKs until a configuration or a page needs them (they weigh tens of MB)', async () => {
    const loaded = await packagesLoadedBy(['src/cli/commands.ts', 'src/main.ts']);
    // Loaded at all: the recording works.
    expect(loaded).toContain('hono');
    for (const heavy of ['@slack/bolt', '@slack/web-api', 'discord.js', '@linear/sdk', '@octokit/rest', '@octokit/webhooks', 'vega', 'vega-lite', '@resvg/resvg-js']) expect(loaded, heavy).not.toContain(heavy);
  }, 90_000);
});
