import type { WebClient } from '@slack/web-api';
import type { DigestChartData } from '../../core/impact/digest-chart-data.js';
import type { OutboundMessage } from '../../delivery/chat-port.js';
import { digestChartImage } from '../charts/digest-chart-image.js';
import { impactPageUrl } from '../impact-link.js';
import { slackCall } from './delivery-errors.js';
import { link } from './mrkdwn.js';

const SLACK_TS = /^\d+\.\d+$/;
/** How many replies of the digest thread are searched for an image an earlier attempt uploaded. */
const REPLIES_WINDOW = 200;

interface SharedFile { id?: string; name?: string }
interface ThreadMessage { files?: SharedFile[] }

/** Unique per delivery, so that a retry can recognise its own upload among the thread's files. */
export const chartFilename = (message: OutboundMessage, chart: DigestChartData) => `liaison-digest-${chart.period}-${message.id}.png`;

/**
 * Uploads the digest's image into its thread with Slack's files upload API (files.getUploadURLExternal, the upload
 * itself, files.completeUploadExternal: `filesUploadV2`). Slack has no idempotency key for uploads, so a retry first
 * looks in the thread for the file an earlier attempt shared (its name carries the delivery's ID) and, finding it,
 * takes that instead of uploading a second copy. Returns the file's ID.
 */
export async function uploadDigestChart(client: WebClient, message: OutboundMessage, chart: DigestChartData, publicUrl: string): Promise<string> {
  const threadTs = message.threadId && SLACK_TS.test(message.threadId) ? message.threadId : undefined;
  const filename = chartFilename(message, chart);
  if (message.attempt > 1) {
    const earlier = await findShared(client, message.channelId, threadTs, filename);
    if (earlier) return earlier;
  }
  const image = await digestChartImage(chart);
  const comment = `${image.title}: feedback per week over the last ${chart.weeks.length} weeks with the share resolved, and this week's hand-offs. ${link(impactPageUrl(publicUrl, chart.range), 'Open the Impact page')}`;
  const upload = { file: image.png, filename, title: image.title, alt_text: image.altText, initial_comment: comment };
  // filesUploadV2 is files.getUploadURLExternal, the upload and files.completeUploadExternal; the client does not say
  // which of them a 429 came from, so it is put on the first one's bucket.
  const result = await slackCall('files.getUploadURLExternal', () => (threadTs ? client.filesUploadV2({ ...upload, channel_id: message.channelId, thread_ts: threadTs }) : client.filesUploadV2({ ...upload, channel_id: message.channelId })));
  const completed = (result.files ?? []) as { files?: SharedFile[] }[];
  return completed.flatMap((c) => c.files ?? []).find((f) => f.id)?.id ?? filename;
}

async function findShared(client: WebClient, channel: string, threadTs: string | undefined, filename: string): Promise<string | undefined> {
  const found = threadTs
    ? await slackCall('conversations.replies', () => client.conversations.replies({ channel, ts: threadTs, limit: REPLIES_WINDOW, include_all_metadata: true }))
    : await slackCall('conversations.history', () => client.conversations.history({ channel, limit: REPLIES_WINDOW, include_all_metadata: true }));
  const files = ((found.messages ?? []) as ThreadMessage[]).flatMap((m) => m.files ?? []);
  return files.find((f) => f.name === filename)?.id;
}
