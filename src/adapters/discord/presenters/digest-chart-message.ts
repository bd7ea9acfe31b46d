import type { RawFile } from 'discord.js';
import type { DigestImage } from '../../charts/digest-chart-image.js';
import type { MessageBody } from './embed-limits.js';

/** Discord accepts plain names for attachments; anything else becomes an underscore. */
const safeName = (name: string) => name.replace(/[^A-Za-z0-9._-]/g, '_');

/**
 * The digest's image as a message in the digest thread: an embed showing the attached PNG, its alt text on the
 * attachment (Discord shows it to screen readers), and a link to the Impact page.
 */
export function digestChartMessage(image: DigestImage, impactUrl: string): { body: MessageBody; files: RawFile[] } {
  const filename = safeName(image.filename);
  return {
    body: {
      embeds: [{ title: image.title, url: impactUrl, description: `Feedback per week with the share resolved, and this week's hand-offs between teams.\n[Open the Impact page](${impactUrl})`, color: 0x1f6fb2, image: { url: `attachment://${filename}` } }],
      attachments: [{ id: 0, filename, description: image.altText.slice(0, 1_024) }],
      allowed_mentions: { parse: [] },
    },
    files: [{ name: filename, data: image.png, contentType: 'image/png' }],
  };
}
