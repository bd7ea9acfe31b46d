import { IntakeClient, percentile } from '../lib/intake-client.js';
import { outboxSettled } from '../lib/outbox.js';
import type { Scenario } from '../lib/report.js';
import { countBy, tally } from '../lib/tally.js';
import { bounded, elapsed, pause } from '../lib/time.js';
import { World } from '../lib/world.js';
import type { Bot } from '../lib/bot.js';

/** The supervisor's part: whenever the bot is not running, start it again (bounded); returns when it serves. */
async function superviseUntilReady(bot: Bot, boundMs: number): Promise<{ readyMs: number | null; restarts: number }> {
  const started = Date.now();
  let restarts = 0;
  const ok = await bounded(boundMs, 200, async () => {
    if (!bot.alive) {
      restarts += 1;
      bot.start();
    }
    const status = await fetch(`${bot.url}/readyz`, { signal: AbortSignal.timeout(1_000) }).then((r) => r.status, () => 0);
    return status === 200;
  });
  return { readyMs: ok ? elapsed(started) : null, restarts };
}

/** kill -9 of the bot in the middle of a burst; the client resends whatever had no 202; a plain restart. */
export const botKilled: Scenario = async ({ quick }) => {
  const world = await World.open();
  try {
    const bot = await world.bot('bot', 'embedded');
    bot.start();
    if ((await bot.ready(90_000)) === undefined) throw new Error('the bot did not become ready on its first start');
    const client = new IntakeClient(() => [bot.url], 'kill9');
    const count = quick ? 80 : 400;
    let recovery: Promise<{ readyMs: number | null; restarts: number }> | undefined;
    await client.burst(count, quick ? 40 : 50, (sent) => {
      if (sent === Math.floor(count / 2)) recovery = bot.kill9().then(() => superviseUntilReady(bot, 15_000));
    });
    const recovered = await recovery;
    const resent = await client.resendUntilAccepted(30_000);
    const url = await world.embeddedUrl();
    if (!url) throw new Error('no running embedded database after the restart');
    const outbox = await outboxSettled(world, url, quick ? 60_000 : 240_000);
    const t = await tally(world, url, client, 'kill9');
    return {
      ok: t.lost === 0 && t.doubled === 0 && resent && recovered?.readyMs !== null && recovered?.readyMs !== undefined,
      sent: client.sent, stored: t.stored, lost: t.lost, doubled: t.doubled, recoveryMs: recovered?.readyMs ?? null,
      manualSteps: recovered?.readyMs === null ? 1 : 0, requests: client.requests, unaccepted: t.unaccepted,
      restartReadyMs: recovered?.readyMs ?? null, outboxWaiting: outbox.waiting, outboxFailed: outbox.failed, slackPosts: t.posts.slack, discordPosts: t.posts.discord,
    };
  } finally {
    await world.close();
  }
};

/** kill -9 of the bot, then a plain restart, again and again: each must be ready within 15 s. */
export const restartAfterKill: Scenario = async ({ quick }) => {
  const world = await World.open();
  try {
    const bot = await world.bot('bot', 'embedded');
    bot.start();
    if ((await bot.ready(90_000)) === undefined) throw new Error('the bot did not become ready on its first start');
    const times: (number | null)[] = [];
    for (let round = 0; round < (quick ? 3 : 10); round += 1) {
      await bot.kill9();
      bot.start();
      // Measured up to 30 s, so that a slow start is seen for what it is; the promise is 15 s.
      times.push((await bot.ready(30_000)) ?? null);
      if (times.at(-1) === null) break;
    }
    const ready = times.filter((t): t is number => t !== null);
    const within = ready.filter((t) => t <= 15_000).length;
    return {
      ok: within === times.length, sent: 0, stored: 0, lost: 0, doubled: 0, recoveryMs: ready.length ? Math.max(...ready) : null,
      manualSteps: times.length - ready.length, restarts: times.length, readyWithin15s: within, readyMs: times,
    };
  } finally {
    await world.close();
  }
};

/**
 * kill -9 of the embedded PostgreSQL under a running bot, mid-burst. The promise (README "The embedded server"): the
 * bot restarts it in process, on the same port, saying 503 on /healthz meanwhile; it does not exit. The suite still
 * plays the supervisor, so that an exit is counted (as a supervisor restart) rather than ending the test.
 */
export const embeddedDatabaseKilled: Scenario = async ({ quick }) => {
  const world = await World.open();
  try {
    const bot = await world.bot('bot', 'embedded');
    bot.start();
    if ((await bot.ready(90_000)) === undefined) throw new Error('the bot did not become ready on its first start');
    const client = new IntakeClient(() => [bot.url], 'pgkill');
    const count = quick ? 60 : 300;
    let killedAt = 0;
    let recovery: Promise<{ readyMs: number | null; restarts: number }> | undefined;
    let health: Promise<{ unhealthySeen: boolean; healthyAgainMs: number | null }> | undefined;
    await client.burst(count, 30, async (sent) => {
      if (sent !== Math.floor(count / 2)) return;
      const [postmaster] = world.clusterPids('embedded');
      if (postmaster) process.kill(postmaster, 'SIGKILL');
      killedAt = Date.now();
      health = healthzAfterKill(bot, killedAt, 30_000);
      // A moment for the bot to notice; then it serves again by itself (or has exited, and the supervisor restarts it).
      recovery = pause(500).then(() => superviseUntilReady(bot, 30_000));
    });
    const recovered = await recovery;
    const healthz = await health;
    const firstAcceptAfterKill = await firstAccept(client, killedAt, 30_000);
    const resent = await client.resendUntilAccepted(30_000);
    const exitedBeforeStop = bot.exits.length;
    const stop = await bot.stop();
    bot.start();
    await bot.ready(30_000);
    const url = await world.embeddedUrl();
    if (!url) throw new Error('no running embedded database after the restart');
    const t = await tally(world, url, client, 'pgkill');
    const restartedInProcess = exitedBeforeStop === 0 && (recovered?.restarts ?? 0) === 0;
    return {
      ok: t.lost === 0 && t.doubled === 0 && resent && recovered?.readyMs != null && restartedInProcess && healthz?.unhealthySeen === true && healthz.healthyAgainMs !== null && stop.ms <= 10_000 && !stop.forced,
      sent: client.sent, stored: t.stored, lost: t.lost, doubled: t.doubled, recoveryMs: firstAcceptAfterKill ?? recovered?.readyMs ?? null,
      manualSteps: recovered?.readyMs == null ? 1 : 0, restartedInProcess, supervisorRestarts: recovered?.restarts ?? 0, exitCodes: bot.exits,
      healthz503Seen: healthz?.unhealthySeen ?? false, healthz200AgainMs: healthz?.healthyAgainMs ?? null, unaccepted: t.unaccepted,
      sigtermStopMs: stop.ms, sigtermForced: stop.forced,
    };
  } finally {
    await world.close();
  }
};

/** Polls /healthz after the kill: whether it said 503 (the truth while the server is down), and when 200 again. */
async function healthzAfterKill(bot: Bot, since: number, boundMs: number): Promise<{ unhealthySeen: boolean; healthyAgainMs: number | null }> {
  let unhealthySeen = false;
  let healthyAgainMs: number | null = null;
  await bounded(boundMs, 50, async () => {
    const status = await fetch(`${bot.url}/healthz`, { signal: AbortSignal.timeout(1_000) }).then((r) => r.status, () => 0);
    if (status === 503) unhealthySeen = true;
    if (status === 200 && unhealthySeen) healthyAgainMs = Date.now() - since;
    return healthyAgainMs !== null;
  });
  return { unhealthySeen, healthyAgainMs };
}

/** How long after `since` the client's first 202 came, sending a probe post until one does (bounded). */
async function firstAccept(client: IntakeClient, since: number, boundMs: number): Promise<number | undefined> {
  let at: number | undefined;
  await bounded(boundMs, 200, async () => {
    const id = client.fresh();
    if ((await client.send(id, 3_000)) === 202) at = Date.now();
    return at !== undefined;
  });
  return at === undefined ? undefined : at - since;
}

/** The database stops answering for 20 s (SIGSTOP of every server process), under a steady stream of posts. */
export const databasePaused: Scenario = async ({ quick }) => {
  const world = await World.open();
  try {
    const url = await world.sharedDatabase();
    const bot = await world.bot('bot', { url });
    bot.start();
    if ((await bot.ready(60_000)) === undefined) throw new Error('the bot did not become ready');
    const client = new IntakeClient(() => [bot.url], 'paused');
    const pausedMs = 20_000;
    const during: { intakeMs: number[]; intakeStatuses: number[]; readyzMs: number[]; readyzStatuses: number[] } = { intakeMs: [], intakeStatuses: [], readyzMs: [], readyzStatuses: [] };
    await client.burst(quick ? 20 : 50, 10);
    // The postmaster first, so that it forks no new backend; then every backend it has.
    const pids = world.clusterPids('shared');
    if (pids.length === 0) throw new Error('could not find the database server to pause');
    process.kill(pids[0] as number, 'SIGSTOP');
    const all = [...new Set([...pids, ...world.clusterPids('shared')])];
    for (const pid of all.slice(1)) process.kill(pid, 'SIGSTOP');
    const pausedAt = Date.now();
    let resumedAt = 0;
    try {
      while (Date.now() - pausedAt < pausedMs) {
        const id = client.fresh();
        const started = Date.now();
        const [status, ready] = await Promise.all([
          client.send(id, 5_000),
          (async () => {
            const s = Date.now();
            const st = await fetch(`${bot.url}/readyz`, { signal: AbortSignal.timeout(5_000) }).then((r) => r.status, () => 0);
            return { ms: Date.now() - s, status: st };
          })(),
        ]);
        during.intakeMs.push(Date.now() - started);
        during.intakeStatuses.push(status);
        during.readyzMs.push(ready.ms);
        during.readyzStatuses.push(ready.status);
        await pause(250);
      }
    } finally {
      for (const pid of all) process.kill(pid, 'SIGCONT');
      resumedAt = Date.now();
    }
    const recoveryMs = (await firstAccept(client, resumedAt, 30_000)) ?? null;
    const resent = await client.resendUntilAccepted(30_000);
    const t = await tally(world, url, client, 'paused');
    const acceptedWhilePaused = during.intakeStatuses.filter((s) => s === 202).length;
    const ok = t.lost === 0 && t.doubled === 0 && resent && recoveryMs !== null && recoveryMs <= 10_000 && Math.max(...during.intakeMs) <= 2_500 && Math.max(...during.readyzMs) <= 1_500;
    return {
      ok, sent: client.sent, stored: t.stored, lost: t.lost, doubled: t.doubled, recoveryMs, manualSteps: recoveryMs === null ? 1 : 0,
      pausedMs, intakeWhilePausedMaxMs: Math.max(...during.intakeMs), intakeWhilePausedP50Ms: percentile(during.intakeMs, 50), intakeWhilePausedStatuses: countBy(during.intakeStatuses),
      readyzWhilePausedMaxMs: Math.max(...during.readyzMs), readyzWhilePausedStatuses: countBy(during.readyzStatuses), acceptedWhilePaused, unaccepted: t.unaccepted,
    };
  } finally {
    await world.close();
  }
};
