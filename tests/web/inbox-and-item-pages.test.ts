import { describe, expect, it } from 'vitest';
import { recordAction } from '../../src/core/record-action.js';
import { captureNew, discordMessage, slackMessage } from '../helpers/capture.js';
import { person, testContext } from '../helpers/test-context.js';
import { useTestDatabase } from '../helpers/test-database.js';
import { trackerConfig } from '../trackers/helpers/tracker-setup.js';
import { itemPageAs } from '../helpers/item-page.js';
import { pageWords } from '../helpers/page-words.js';
import { browserAs, formToken, ledger, outbox } from './web-forms.js';

describe('the inbox page', () => {
  const database = useTestDatabase();

  it('shows my team\'s open routings, most at risk first, with their SLA state and the card\'s actions', async () => {
    const ctx = await testContext(database.current().db);
    const crash = await captureNew(ctx, discordMessage('The app crashes on start'));
    ctx.clock.advance(2 * 3_600_000);
    await captureNew(ctx, discordMessage('Export is broken'));
    await captureNew(ctx, discordMessage('Please add dark mode'));
    const sam = await browserAs(ctx, 'sam');
    const page = await sam.get('/inbox');
    expect(page.status).toBe(200);
    const text = pageWords(page.html);
    expect(text).toContain('2 open routings');
    expect(text).toMatch(new RegExp(`Overdue Open #${crash.itemId} The app crashes on start .*On track Open #\\d+ Export is broken`));
    expect(text).toContain('Support · Makers Discord · Bug · from maker_ann · routed 2h ago');
    expect(text).toMatch(/First response due Mon 16 Nov, 10:00 America\/New_York \(1h overdue\)/);
    expect(text).not.toContain('dark mode');
    for (const label of ['Acknowledge', 'Take it', 'Resolve', 'Decline…', 'Pass on…', 'Snooze…']) expect(text).toContain(label);
  });

  it('filters with a plain query string, and says in words what a bad filter is', async () => {
    const ctx = await testContext(database.current().db);
    await captureNew(ctx, discordMessage('The app crashes on start'));
    await captureNew(ctx, slackMessage('Export is broken for us'));
    const maya = await browserAs(ctx, 'maya');
    expect(pageWords((await maya.get('/inbox?team=sales')).html)).toContain('1 open routing');
    expect(pageWords((await maya.get('/inbox?community=makers&category=bug&status=&age=&escalated=')).html)).toContain('1 open routing');
    const bad = await maya.get('/inbox?status=done&age=forever');
    expect(bad.status).toBe(400);
    expect(pageWords(bad.html)).toContain('Accepted: status open, acknowledged or owned; age 1, 3, 7 or 30');
    const lena = await browserAs(ctx, 'lena');
    const other = await lena.get('/inbox?team=support');
    expect(other.status).toBe(403);
    expect(pageWords(other.html)).toContain('You see the inbox of your own teams only, and you are not in Support.');
  });
});

describe('acting on an item in the browser', () => {
  const database = useTestDatabase();

  it('takes and resolves through the card\'s verbs: ledger via web, the card refreshed and the author told', async () => {
    const ctx = await testContext(database.current().db);
    const crash = await captureNew(ctx, discordMessage('The app crashes on start'));
    const routing = crash.routing('support');
    const sam = await browserAs(ctx, 'sam');
    const inbox = await sam.get('/inbox');
    const took = await sam.post(`/items/${crash.itemId}/act`, { routing: String(routing), action: 'own', form: formToken(inbox.html, `r${routing}-buttons`), back: '/inbox' });
    expect([took.status, took.location]).toEqual([303, '/inbox']);
    const after = await sam.get('/inbox');
    expect(pageWords(after.html)).toContain(`You took #${crash.itemId} for Support.`);
    expect(pageWords(after.html)).toContain('Undo take');
    expect(pageWords((await sam.get('/inbox')).html)).not.toContain('You took');

    const item = await sam.get(`/items/${crash.itemId}`);
    const resolved = await sam.post(`/items/${crash.itemId}/act`, { routing: String(routing), action: 'resolve', form: formToken(item.html, `r${routing}-buttons`) });
    expect([resolved.status, resolved.location]).toEqual([303, `/items/${crash.itemId}`]);
    const story = pageWords((await sam.get(`/items/${crash.itemId}`)).html);
    expect(story).toContain(`You resolved #${crash.itemId} for Support. The people who raised it will be told.`);
    expect(story).toMatch(/sam took it for Support Web app/);
    expect(story).toMatch(/sam resolved it for Support Web app/);
    expect(story).toContain('Told it was resolved by Support · Waiting to be sent');
    expect((await ledger(ctx, crash.itemId)).map((a) => `${a.kind}:${a.via}`)).toEqual(['capture:system', 'own:web', 'resolve:web']);
    expect((await outbox(ctx, 'card_update')).filter((d) => d.routingId === routing)).toHaveLength(2);
    expect(await outbox(ctx, 'loop_reply')).toHaveLength(1);
  });

  it('records one action when the same form is submitted twice', async () => {
    const ctx = await testContext(database.current().db);
    const crash = await captureNew(ctx, discordMessage('The app crashes on start'));
    const routing = crash.routing('support');
    const sam = await browserAs(ctx, 'sam');
    const form = formToken((await sam.get('/inbox')).html, `r${routing}-buttons`);
    const fields = { routing: String(routing), action: 'acknowledge', form, back: '/inbox' };
    const [first, second] = await Promise.all([sam.post(`/items/${crash.itemId}/act`, fields), sam.post(`/items/${crash.itemId}/act`, fields)]);
    expect([first.status, second.status]).toEqual([303, 303]);
    expect(pageWords((await sam.get('/inbox')).html)).toContain(`You acknowledged #${crash.itemId} for Support.`);
    expect((await ledger(ctx, crash.itemId)).filter((a) => a.kind === 'acknowledge')).toHaveLength(1);
  });

  it('brings a decline without a reason back with the error beside the field, recording nothing', async () => {
    const ctx = await testContext(database.current().db);
    const crash = await captureNew(ctx, discordMessage('The app crashes on start'));
    const routing = crash.routing('support');
    const sam = await browserAs(ctx, 'sam');
    const inbox = (await sam.get('/inbox')).html;
    const link = new RegExp(`href="(/items/${crash.itemId}\\?open=r${routing}-decline&amp;back=%2Finbox)#r${routing}-decline"`).exec(inbox)?.[1];
    expect(link).toBeDefined();
    const opened = await sam.get((link as string).replace('&amp;', '&'));
    expect(opened.html).toMatch(new RegExp(`<details class="disclosure" id="r${routing}-decline" open="">`));
    const form = formToken(opened.html, `r${routing}-decline`);
    const back = await sam.post(`/items/${crash.itemId}/act`, { routing: String(routing), action: 'decline', reason: '   ', form, back: '/inbox' });
    expect(back.status).toBe(400);
    expect(back.html).toMatch(new RegExp(`<details class="disclosure" id="r${routing}-decline" open="">\\s*<summary>Decline…</summary>`));
    expect(back.html).toMatch(new RegExp(`<textarea id="r${routing}-decline-reason" name="reason"[^>]*aria-invalid="true" aria-describedby="r${routing}-decline-reason-error"`));
    expect(pageWords(back.html)).toContain('Say why you decline it: the people who raised it are told this reason.');
    expect(pageWords(back.html)).toContain('Nothing was recorded');
    expect((await ledger(ctx, crash.itemId)).map((a) => a.kind)).toEqual(['capture']);
    const retry = await sam.post(`/items/${crash.itemId}/act`, { routing: String(routing), action: 'decline', reason: 'Works as designed', form: formToken(back.html, `r${routing}-decline`), back: '/inbox' });
    expect([retry.status, retry.location]).toEqual([303, '/inbox']);
    expect((await ledger(ctx, crash.itemId)).map((a) => a.kind)).toEqual(['capture', 'decline']);
  });

  it('brings a pass-on to an unknown team back with the error beside the team, recording nothing', async () => {
    const { ctx, item: crash, browser: sam, page, path } = await itemPageAs(database.current().db, 'sam', 'The app crashes on start');
    const routing = crash.routing('support');
    const form = formToken((await page()).html, `r${routing}-pass`);
    const back = await sam.post(`${path}/act`, { routing: String(routing), action: 'pass_on', toTeam: 'legal', reason: 'theirs', form });
    expect(back.status).toBe(400);
    expect(pageWords(back.html)).toContain('There is no team called "legal". Choose one of the teams in the list.');
    expect(back.html).toContain(`aria-describedby="r${routing}-pass-toTeam-error"`);
    expect(back.html).toContain('>theirs</textarea>');
    expect((await ledger(ctx, crash.itemId)).map((a) => a.kind)).toEqual(['capture']);
  });

  it('refuses a Sales member resolving a Support routing with a 403 in words, recording nothing', async () => {
    const { ctx, item: crash, browser: lena, page, path } = await itemPageAs(database.current().db, 'lena', 'The app crashes on start');
    const routing = crash.routing('support');
    const seen = await page();
    expect(seen.status).toBe(403);
    expect(pageWords(seen.html)).toContain(`Item #${crash.itemId} was not routed to any of your teams.`);
    const forced = await lena.post(`${path}/act`, { routing: String(routing), action: 'resolve', form: 'abcdefghijkl.r1-buttons' });
    expect(forced.status).toBe(403);
    expect(pageWords(forced.html)).toContain('Only members of Support can resolve this.');
    expect((await ledger(ctx, crash.itemId)).map((a) => a.kind)).toEqual(['capture']);
    expect(await outbox(ctx, 'loop_reply')).toEqual([]);
  });

  it('shows leadership every team\'s inbox and items to read, with nothing to press, and refuses their posts', async () => {
    const ctx = await testContext(database.current().db);
    const crash = await captureNew(ctx, discordMessage('The app crashes on start'));
    await captureNew(ctx, slackMessage('Export is broken for us'));
    const lee = await browserAs(ctx, 'lee');
    const inbox = await lee.get('/inbox');
    expect(pageWords(inbox.html)).toContain('3 open routings');
    expect(inbox.html).not.toContain('name="action"');
    const item = await lee.get(`/items/${crash.itemId}`);
    expect(item.status).toBe(200);
    expect(item.html).not.toContain('<form method="post" action="/items/');
    const forced = await lee.post(`/items/${crash.itemId}/act`, { routing: String(crash.routing('support')), action: 'acknowledge', form: 'abcdefghijkl.r1-buttons' });
    expect(forced.status).toBe(403);
    expect((await ledger(ctx, crash.itemId)).map((a) => a.kind)).toEqual(['capture']);
  });

  it('tells who got there first when a chat click beat the browser, and shows the chat click', async () => {
    const ctx = await testContext(database.current().db);
    const crash = await captureNew(ctx, discordMessage('The app crashes on start'));
    const routing = crash.routing('support');
    const sam = await browserAs(ctx, 'sam');
    const form = formToken((await sam.get('/inbox')).html, `r${routing}-buttons`);
    await recordAction(ctx, { routingId: routing, kind: 'resolve', actor: { ...person(ctx.config, 'sam'), platform: 'discord', id: '4411', name: 'Jo', teams: ['support'] }, via: 'button' });
    const late = await sam.post(`/items/${crash.itemId}/act`, { routing: String(routing), action: 'acknowledge', form });
    expect(late.status).toBe(303);
    const page = pageWords((await sam.get(`/items/${crash.itemId}`)).html);
    expect(page).toMatch(/You cannot acknowledge this now: Jo \(Support\) already resolved it at \d\d:\d\d UTC\./);
    expect(page).toContain('Jo resolved it for Support Chat button');
  });

  it('creates an issue in the team\'s tracker through the outbox, once, and shows it on its way', async () => {
    const { ctx, item: crash, browser: sam, page, path, words } = await itemPageAs(database.current().db, 'sam', 'The app crashes on start', { config: trackerConfig({ linear: 'http://127.0.0.1:9' }) });
    const routing = crash.routing('support');
    const html = (await page()).html;
    const fields = { routing: String(routing), action: 'create_issue', form: formToken(html, `r${routing}-buttons`) };
    expect((await sam.post(`${path}/act`, fields)).status).toBe(303);
    const seen = await words();
    expect(seen).toContain(`An issue for #${crash.itemId} is being created in Linear (ENG); its link appears here and on the card once the tracker answers.`);
    expect(seen).toContain('Creating an issue in Linear (ENG)…');
    expect(seen).not.toContain('Create issue');
    const again = await sam.post(`${path}/act`, fields);
    expect(again.status).toBe(303);
    expect(await words()).toContain('An issue is being created in ENG already.');
    expect(await outbox(ctx, 'tracker_issue')).toHaveLength(1);
    const lena = await browserAs(ctx, 'lena');
    expect((await lena.post(`${path}/act`, { ...fields, form: 'abcdefghijkl.r1-buttons' })).status).toBe(403);
  });

  it('snoozes and undoes through the same forms', async () => {
    const { ctx, item: crash, browser: sam, page, path } = await itemPageAs(database.current().db, 'sam', 'The app crashes on start');
    const routing = crash.routing('support');
    let html = (await page()).html;
    await sam.post(`${path}/act`, { routing: String(routing), action: 'snooze', snoozeFor: '1d', reason: 'waiting for logs', form: formToken(html, `r${routing}-snooze`) });
    html = (await page()).html;
    expect(pageWords(html)).toContain(`Reminders about #${crash.itemId} for Support are snoozed until Tue 17 Nov, 09:00 America/New_York.`);
    expect(pageWords(html)).toContain('Reminders snoozed until Tue 17 Nov, 09:00 America/New_York: waiting for logs');
    await sam.post(`${path}/act`, { routing: String(routing), action: 'resolve', form: formToken(html, `r${routing}-buttons`) });
    html = (await page()).html;
    await sam.post(`${path}/act`, { routing: String(routing), action: 'undo', form: formToken(html, `r${routing}-buttons`) });
    html = (await page()).html;
    expect(pageWords(html)).toContain(`You undid your last step on #${crash.itemId} for Support: it is open again.`);
    expect((await ledger(ctx, crash.itemId)).map((a) => a.kind)).toEqual(['capture', 'snooze', 'resolve', 'undo']);
  });
});

describe('the item page', () => {
  const database = useTestDatabase();

  it('answers an unknown item with a 404 in words', async () => {
    const ctx = await testContext(database.current().db);
    const maya = await browserAs(ctx, 'maya');
    const missing = await maya.get('/items/4242');
    expect(missing.status).toBe(404);
    expect(pageWords(missing.html)).toContain('There is no item #4242.');
    const odd = await maya.get('/items/abc');
    expect(odd.status).toBe(404);
    expect(pageWords(odd.html)).toContain('“abc” is not an item number.');
  });

  it('renders outside text escaped, and links only http(s) addresses', async () => {
    const ctx = await testContext(database.current().db);
    const evil = await captureNew(ctx, discordMessage('<script>alert(1)</script> crashes <img src=x onerror=alert(2)>', { permalink: 'javascript:alert(3)' }, { id: '966', name: '<b>mallory</b>' }));
    const maya = await browserAs(ctx, 'maya');
    for (const path of [`/items/${evil.itemId}`, '/inbox']) {
      const { html } = await maya.get(path);
      expect(html).not.toContain('<script>alert');
      expect(html).not.toContain('<img src=x');
      expect(html).not.toContain('<b>mallory');
      expect(html).not.toContain('javascript:');
      expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    }
    expect(pageWords((await maya.get(`/items/${evil.itemId}`)).html)).toContain('The original message has no web link.');
    // A forum post's tags are shown beside the text, escaped like it.
    const tagged = await captureNew(ctx, discordMessage('Export crashes', { title: 'Crash', tags: ['Bug', '<i>Desktop</i>'] }));
    const html = (await maya.get(`/items/${tagged.itemId}`)).html;
    expect(pageWords(html)).toContain('Tagged Bug, <i>Desktop</i> where it was posted.');
    expect(html).not.toContain('<i>Desktop');
  });

  it('lets a community manager escalate, and brings a reasonless escalation back beside its field', async () => {
    const { ctx, item: crash, browser: maya, page, path, words } = await itemPageAs(database.current().db, 'maya', 'The app crashes on start');
    const html = (await page()).html;
    const empty = await maya.post(`${path}/escalate`, { team: 'support', priority: 'urgent', reason: '', form: formToken(html, 'escalate') });
    expect(empty.status).toBe(400);
    expect(pageWords(empty.html)).toContain('Say why this is being escalated: the team and its on-call see it.');
    const done = await maya.post(`${path}/escalate`, { team: 'support', priority: 'urgent', reason: 'Their launch is tomorrow', form: formToken(html, 'escalate') });
    expect([done.status, done.location]).toEqual([303, path]);
    const seen = await words();
    expect(seen).toContain(`You escalated #${crash.itemId} to Support (urgent priority).`);
    expect(seen).toContain('maya escalated it to Support (urgent): “Their launch is tomorrow” Web app');
    expect(await outbox(ctx, 'page')).toHaveLength(1);
    const sam = await browserAs(ctx, 'sam');
    expect(pageWords((await sam.get(path)).html)).not.toContain('Escalate this item');
  });

  it('offers similar open items first and merges this item into one of them', async () => {
    const ctx = await testContext(database.current().db);
    const first = await captureNew(ctx, discordMessage('The export button crashes the app every time', {}, { id: '900', name: 'maker_ann' }));
    const second = await captureNew(ctx, discordMessage('Export crashes the app for me too, every time', {}, { id: '901', name: 'maker_bo' }));
    const maya = await browserAs(ctx, 'maya');
    const html = (await maya.get(`/items/${second.itemId}`)).html;
    expect(pageWords(html)).toContain(`Looks like #${first.itemId} — merge?`);
    const merged = await maya.post(`/items/${second.itemId}/merge`, { into: String(first.itemId), form: formToken(html, `merge-${first.itemId}`) });
    expect([merged.status, merged.location]).toEqual([303, `/items/${first.itemId}`]);
    const page = pageWords((await maya.get(`/items/${first.itemId}`)).html);
    expect(page).toContain(`#${second.itemId} was merged into #${first.itemId}, which now has 2 voices`);
    expect(page).toContain('2 people said it');
    expect(page).toContain('maker_bo');
    expect(pageWords((await maya.get(`/items/${second.itemId}`)).html)).toContain(`This item was merged into #${first.itemId}`);
    const wrong = await maya.post(`/items/${first.itemId}/merge`, { into: 'twelve', form: formToken(html, 'merge') });
    expect(wrong.status).toBe(400);
    expect(pageWords(wrong.html)).toContain('Give the number of the item to merge into, such as 12 or #12.');
  });
});
