import type { AutocompleteInteraction } from 'discord.js';
import type { LiaisonConfig } from '../../../config/schema.js';

const MAX_CHOICES = 25;

/** Team and community choices come from the config, so command definitions stay the same across installations. */
export function autocompleteChoices(config: LiaisonConfig, interaction: AutocompleteInteraction): { name: string; value: string }[] {
  const focused = interaction.options.getFocused(true);
  const entries = focused.name === 'team'
    ? Object.entries(config.teams).map(([key, t]) => ({ key, name: t.name ?? key }))
    : focused.name === 'community'
      ? Object.entries(config.communities).map(([key, c]) => ({ key, name: c.name ?? key }))
      : [];
  const typed = String(focused.value).toLowerCase();
  return entries
    .filter((e) => e.key.includes(typed) || e.name.toLowerCase().includes(typed))
    .slice(0, MAX_CHOICES)
    .map((e) => ({ name: e.name.slice(0, 100), value: e.key }));
}
