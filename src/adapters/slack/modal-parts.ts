import { CATEGORIES, type LiaisonConfig } from '../../config/schema.js';
import { LIMITS, type Block } from './block-kit-limits.js';
import { clip } from './mrkdwn.js';

export const VIEW = { capture: 'liaison:capture', decline: 'liaison:decline', passOn: 'liaison:pass_on', escalate: 'liaison:escalate', linkIssue: 'liaison:link_issue' } as const;

const plain = (text: string, max = 2000) => ({ type: 'plain_text' as const, text: clip(text, max) });
const option = (text: string, value: string) => ({ text: plain(text, LIMITS.optionText), value });

export function teamOptions(config: LiaisonConfig, except?: string) {
  return Object.entries(config.teams).filter(([key]) => key !== except).slice(0, LIMITS.options).map(([key, team]) => option(team.name ?? key, key));
}
export function communityOptions(config: LiaisonConfig) {
  return Object.entries(config.communities).slice(0, LIMITS.options).map(([key, c]) => option(c.name ?? key, key));
}
export const categoryOptions = () => CATEGORIES.filter((c) => c !== 'noise').map((c) => option(c.replace('_', ' '), c));

export function selectInput(blockId: string, label: string, options: ReturnType<typeof option>[], opts: { optional?: boolean; initial?: string; placeholder?: string } = {}): Block {
  const initial = options.find((o) => o.value === opts.initial);
  return {
    type: 'input',
    block_id: blockId,
    optional: opts.optional ?? false,
    label: plain(label),
    element: { type: 'static_select', action_id: 'value', options, ...(opts.placeholder ? { placeholder: plain(opts.placeholder, 150) } : {}), ...(initial ? { initial_option: initial } : {}) },
  };
}

export function textInput(blockId: string, label: string, opts: { optional?: boolean; multiline?: boolean; initial?: string; maxLength?: number } = {}): Block {
  return {
    type: 'input',
    block_id: blockId,
    optional: opts.optional ?? false,
    label: plain(label),
    element: { type: 'plain_text_input', action_id: 'value', multiline: opts.multiline ?? false, max_length: opts.maxLength ?? 2000, ...(opts.initial ? { initial_value: clip(opts.initial, 3000) } : {}) },
  };
}

export const modalText = plain;

type ViewState = { values?: Record<string, Record<string, { value?: string | null; selected_option?: { value: string } | null }>> };

/** The value a person entered or chose in one input of a submitted view; undefined when left empty. */
export function stateValue(state: unknown, blockId: string): string | undefined {
  const entry = (state as ViewState | undefined)?.values?.[blockId]?.value;
  const value = entry?.selected_option?.value ?? entry?.value ?? undefined;
  return value === null || value === undefined || value.trim() === '' ? undefined : value.trim();
}
