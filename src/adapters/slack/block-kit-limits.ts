import { z } from 'zod';

/**
 * Slack's Block Kit limits as schemas (see shared fixtures limits/slack_limits.json and @slack/types). Presenters
 * assert their output against these before anything is sent: a card that Slack would reject with `invalid_blocks`
 * fails in our tests, not in a customer's channel.
 */
export const LIMITS = {
  blocksPerMessage: 50,
  blocksPerView: 100,
  sectionText: 3000,
  fieldText: 2000,
  fields: 10,
  headerText: 150,
  contextElements: 10,
  actionsElements: 25,
  buttonText: 75,
  buttonValue: 2000,
  id: 255,
  optionText: 75,
  optionValue: 75,
  options: 100,
  modalTitle: 24,
  privateMetadata: 3000,
  /** Our own budget per message (serialised blocks), well under what Slack accepts. */
  messageChars: 12_000,
} as const;

const Text = (max: number) => z.object({ type: z.enum(['plain_text', 'mrkdwn']), text: z.string().min(1).max(max), emoji: z.boolean().optional(), verbatim: z.boolean().optional() });
const PlainText = (max: number) => z.object({ type: z.literal('plain_text'), text: z.string().min(1).max(max), emoji: z.boolean().optional() });
const Id = z.string().min(1).max(LIMITS.id);
const Option = z.object({ text: PlainText(LIMITS.optionText), value: z.string().min(1).max(LIMITS.optionValue) });

const Button = z.object({
  type: z.literal('button'),
  text: PlainText(LIMITS.buttonText),
  action_id: Id,
  value: z.string().max(LIMITS.buttonValue).optional(),
  url: z.string().max(3000).optional(),
  style: z.enum(['primary', 'danger']).optional(),
  confirm: z.unknown().optional(),
});
const Select = z.object({
  type: z.literal('static_select'),
  action_id: Id,
  placeholder: PlainText(150).optional(),
  options: z.array(Option).min(1).max(LIMITS.options),
  initial_option: Option.optional(),
});
const TextInput = z.object({ type: z.literal('plain_text_input'), action_id: Id, multiline: z.boolean().optional(), max_length: z.number().max(3000).optional(), initial_value: z.string().max(3000).optional(), placeholder: PlainText(150).optional() });
const Radio = z.object({ type: z.literal('radio_buttons'), action_id: Id, options: z.array(Option).min(1).max(10), initial_option: Option.optional() });
const Element = z.discriminatedUnion('type', [Button, Select, TextInput, Radio]);

const Section = z.object({
  type: z.literal('section'),
  block_id: Id.optional(),
  text: Text(LIMITS.sectionText).optional(),
  fields: z.array(Text(LIMITS.fieldText)).max(LIMITS.fields).optional(),
  accessory: Element.optional(),
}).refine((s) => s.text !== undefined || (s.fields?.length ?? 0) > 0, 'a section needs text or fields');
const Header = z.object({ type: z.literal('header'), block_id: Id.optional(), text: PlainText(LIMITS.headerText) });
const Context = z.object({ type: z.literal('context'), block_id: Id.optional(), elements: z.array(Text(LIMITS.sectionText)).min(1).max(LIMITS.contextElements) });
const Actions = z.object({ type: z.literal('actions'), block_id: Id.optional(), elements: z.array(Element).min(1).max(LIMITS.actionsElements) });
const Divider = z.object({ type: z.literal('divider'), block_id: Id.optional() });
const Input = z.object({ type: z.literal('input'), block_id: Id, label: PlainText(2000), element: Element, optional: z.boolean().optional(), hint: PlainText(2000).optional() });

export const Block = z.union([Section, Header, Context, Actions, Divider, Input]);
export type Block = z.input<typeof Block>;

export const MessageBlocks = z.array(Block).min(1).max(LIMITS.blocksPerMessage);

export const ModalView = z.object({
  type: z.literal('modal'),
  callback_id: Id,
  title: PlainText(LIMITS.modalTitle),
  submit: PlainText(LIMITS.modalTitle).optional(),
  close: PlainText(LIMITS.modalTitle).optional(),
  private_metadata: z.string().max(LIMITS.privateMetadata).optional(),
  blocks: z.array(Block).min(1).max(LIMITS.blocksPerView),
});
export type ModalView = z.input<typeof ModalView>;

export const HomeView = z.object({ type: z.literal('home'), blocks: z.array(Block).min(1).max(LIMITS.blocksPerView) });
export type HomeView = z.input<typeof HomeView>;

export class BlockKitLimitError extends Error {
  constructor(what: string, issues: z.core.$ZodIssue[]) {
    super(`${what} breaks Block Kit limits: ${issues.slice(0, 5).map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
    this.name = 'BlockKitLimitError';
  }
}

/** Throws when Slack would refuse these blocks. Returns them unchanged, so that presenters can `return assert…(x)`. */
export function assertMessageBlocks(blocks: Block[]): Block[] {
  const result = MessageBlocks.safeParse(blocks);
  if (!result.success) throw new BlockKitLimitError('a message', result.error.issues);
  return blocks;
}

export function assertModal(view: ModalView): ModalView {
  const result = ModalView.safeParse(view);
  if (!result.success) throw new BlockKitLimitError('a modal', result.error.issues);
  return view;
}

export function assertHome(view: HomeView): HomeView {
  const result = HomeView.safeParse(view);
  if (!result.success) throw new BlockKitLimitError('the App Home', result.error.issues);
  return view;
}
