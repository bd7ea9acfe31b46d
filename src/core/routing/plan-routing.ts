import type { Category, LiaisonConfig, RoutingRule } from '../../config/schema.js';
import type { RoutingReason, RuleMatch } from '../../db/schema/routing.js';
import type { Classification } from '../classify/classifier.js';

export interface PlannedRouting {
  team: string;
  reason: RoutingReason;
}

export interface RoutingSubject {
  text: string;
  community: string;
  classification: Classification;
}

/**
 * Decides which teams receive an item, and why, as facts (the presenters word them: `routingReasonWords`). Rules are read in order; a rule's category condition counts only
 * when the classifier is confident. Teams learned from the ledger's corrections outrank category rules, because
 * they exist precisely where those rules sent similar items to the wrong desk. The team model trained on the
 * organisation's own history (`liaison train --team`), when confident, comes after the config's own rules (keywords,
 * community, urgency) and before its category rules, which are generic where it learnt this organisation's desks.
 * Nothing matched: the fallback team, with the two best guesses attached when the classifier was unsure or took it
 * for chatter.
 */
export function planRouting(config: LiaisonConfig, subject: RoutingSubject): PlannedRouting[] {
  const { classification } = subject;
  const confident = isConfident(config, classification);
  const learned = classification.teams?.[0];
  const useLearned = learned !== undefined && learned.confidence >= (config.routing.minConfidence ?? DEFAULT_MIN_CONFIDENCE) && learned.team in config.teams;
  const own = classification.learnedTeam && classification.learnedTeam.team in config.teams ? classification.learnedTeam : undefined;
  const planned = new Map<string, RoutingReason>();

  for (const rule of config.routing.rules) {
    const usesCategory = rule.when.category !== undefined;
    if (usesCategory && (!confident || useLearned || own)) continue;
    const matched = matchRule(rule, subject);
    if (!matched) continue;
    const reason: RoutingReason = usesCategory
      ? { kind: 'classifier', source: 'category', rule: rule.name, matched, terms: classification.terms, confidence: classification.confidence }
      : { kind: 'rule', rule: rule.name, matched };
    for (const team of rule.route) if (!planned.has(team)) planned.set(team, reason);
    if (rule.stop) break;
  }
  if (useLearned && !planned.has(learned.team)) {
    planned.set(learned.team, { kind: 'classifier', source: 'hand_offs', terms: classification.terms, confidence: learned.confidence });
  }
  if (planned.size === 0 && own) {
    const terms = own.terms.length > 0 ? own.terms : classification.terms;
    planned.set(own.team, { kind: 'classifier', source: 'team_model', team: own.team, terms, confidence: own.confidence });
  }
  if (planned.size > 0) return [...planned].map(([team, reason]) => ({ team, reason }));

  const fallback = config.routing.fallback;
  const guess = { category: classification.category, confidence: classification.confidence };
  // Chatter that reaches routing was sent on purpose or was borderline: someone checks it, with the best guesses offered.
  if (classification.category === 'noise' || !confident) {
    return [{ team: fallback, reason: { kind: 'unsure', guess, suggestions: suggestTeams(config, subject) } }];
  }
  return [{ team: fallback, reason: { kind: 'fallback', guess, terms: classification.terms } }];
}

/** For a model without calibrated thresholds (one stored before calibration, a test double), when the config sets none. */
export const DEFAULT_MIN_CONFIDENCE = 0.45;

/** The config's threshold when it sets one; otherwise the model's own "unsure" threshold, calibrated when it was trained. */
function isConfident(config: LiaisonConfig, classification: Classification): boolean {
  if (config.routing.minConfidence !== undefined) return classification.confidence >= config.routing.minConfidence;
  if (classification.unsure !== undefined) return !classification.unsure;
  return classification.confidence >= DEFAULT_MIN_CONFIDENCE;
}

/** The two best teams by category, offered on the card as one-click corrections. */
export function suggestTeams(config: LiaisonConfig, subject: RoutingSubject): NonNullable<RoutingReason['suggestions']> {
  const suggestions: NonNullable<RoutingReason['suggestions']> = [];
  for (const alternative of subject.classification.alternatives) {
    if (alternative.category === 'noise') continue;
    const team = teamForCategory(config, alternative.category, subject);
    if (team && !suggestions.some((s) => s.team === team)) suggestions.push({ team, category: alternative.category, confidence: alternative.confidence });
    if (suggestions.length === 2) break;
  }
  return suggestions;
}

/** The first team a category rule sends this category to (other conditions of that rule still apply). */
export function teamForCategory(config: LiaisonConfig, category: Category, subject: Omit<RoutingSubject, 'classification'> & { classification?: Classification }): string | undefined {
  for (const rule of config.routing.rules) {
    if (!rule.when.category?.includes(category)) continue;
    const { category: _ignored, ...rest } = rule.when;
    if (Object.values(rest).every((v) => v === undefined) || matchConditions(rest, subject)) return rule.route[0];
  }
  return undefined;
}

/** The rule's conditions as they held for this item, or undefined when the rule does not match. */
function matchRule(rule: RoutingRule, subject: RoutingSubject): RuleMatch | undefined {
  const { when } = rule;
  const { classification } = subject;
  if (when.category && !when.category.includes(classification.category)) return undefined;
  const rest = matchConditions(when, subject);
  if (rest === undefined) return undefined;
  return { ...(when.category ? { category: { category: classification.category, confidence: classification.confidence, terms: classification.terms } } : {}), ...rest };
}

function matchConditions(when: Omit<RoutingRule['when'], 'category'>, subject: Omit<RoutingSubject, 'classification'> & { classification?: Classification }): Omit<RuleMatch, 'category'> | undefined {
  const matched: Omit<RuleMatch, 'category'> = {};
  if (when.keywords) {
    const found = when.keywords.filter((k) => containsPhrase(subject.text, k));
    if (found.length === 0) return undefined;
    matched.mentions = found;
  }
  if (when.community !== undefined) {
    if (![when.community].flat().includes(subject.community)) return undefined;
    matched.community = subject.community;
  }
  if (when.urgency) {
    const urgency = subject.classification?.urgency;
    if (!urgency || !when.urgency.includes(urgency)) return undefined;
    matched.urgency = urgency;
  }
  return matched;
}

/** Whole-word, case-insensitive: "quote" matches "Quote?" but not "quoted" or "misquote". */
export function containsPhrase(text: string, phrase: string): boolean {
  const escaped = phrase.trim().replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/\s+/g, '\\s+');
  return new RegExp(`(?<![\\p{L}\\p{N}])${escaped}(?![\\p{L}\\p{N}])`, 'iu').test(text);
}
