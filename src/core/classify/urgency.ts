import type { Category } from '../../config/schema.js';
import type { Urgency } from './classifier.js';

/**
 * Rules rather than a model: urgency decides who gets paged, so it must be predictable and explainable, and the
 * phrases that make something urgent ("production is down", "we lost data", "deadline Friday") are few and stable.
 */

// Whole-service outages, data loss and security problems: someone should look now.
const CRITICAL: readonly RegExp[] = [
  /\b(?:prod(?:uction)?|site|service|platform|app|api|server|servers|everything|system|dashboard|checkout|website)\s+(?:is\s+|are\s+|went\s+|has\s+gone\s+|seems\s+)?(?:completely\s+|totally\s+|all\s+)?down\b/,
  // An outage happening now; "how the outage was communicated" is a complaint about the past.
  /\b(?:an?|major|ongoing|total|complete|full|another|global)\s+outage\b|\boutage\s+(?:right\s+now|again|since|for\s+(?:all|everyone))\b/,
  /\b(?:sev\s?1|sev-1|p0)\b/,
  /\bdown\s+for\s+(?:everyone|all|us|all\s+(?:of\s+)?(?:our|the)\s+\w+)\b/,
  /\b(?:all|every|none\s+of)\s+(?:of\s+)?(?:our|my|the)?\s*(?:users|customers|clients|stores|sites|devices)\s+(?:are\s+|is\s+|can)?\s*(?:affected|down|offline|locked\s+out|cannot|can't|unable)/,
  /\b(?:data\s+loss|lost\s+(?:all\s+)?(?:of\s+)?(?:our|my|the)?\s*(?:data|files|work|history|records|database))\b/,
  /\b(?:data|files|records|database|history)\s+(?:is\s+|are\s+|was\s+|were\s+|got\s+|has\s+been\s+|have\s+been\s+)?(?:gone|wiped|deleted|corrupted|erased|lost)\b/,
  /\b(?:security\s+(?:issue|hole|problem|vulnerability|breach|incident)|vulnerabilit(?:y|ies)|exploit(?:ed|able)?|breach(?:ed)?|hacked|compromised|cve-\d|xss|sql\s+injection|remote\s+code\s+execution|rce)\b/,
  /\b(?:leak(?:ed|ing|s)?|exposed|exposing)\b.{0,40}\b(?:keys?|tokens?|passwords?|credentials|secrets?|personal\s+data|customer\s+data|emails?)\b/,
  /\b(?:keys?|tokens?|passwords?|credentials|secrets?|personal\s+data|customer\s+data)\b.{0,30}\b(?:leak(?:ed|ing)?|exposed|public|visible\s+(?:to|in))\b/,
];

// Blocked work, deadlines, money or many people affected: today, not this week.
const HIGH: readonly RegExp[] = [
  /\b(?:urgent(?:ly)?|asap|a\.s\.a\.p|emergency|critical)\b/,
  /\bas\s+soon\s+as\s+possible\b/,
  // "immediately" alone is often a description ("expired immediately"); asked for, it is a demand.
  /\b(?:need|needs|needed|fix|help|respond|reply|look\s+at\s+(?:this|it))\b.{0,30}\b(?:immediately|right\s+away|right\s+now|today)\b/,
  /\b(?:block(?:er|ing|ed)|show[-\s]?stopper|dead\s+in\s+the\s+water|bricked)\b/,
  /\b(?:deadline|due\s+(?:date|by)|go(?:ing)?[-\s]live|launch(?:es|ing)?\s+(?:is\s+)?(?:tomorrow|today|tonight|this\s+week|next\s+week|in\s+\d+\s+days))\b/,
  /\bby\s+(?:tomorrow|tonight|today|monday|tuesday|wednesday|thursday|friday|saturday|sunday|end\s+of\s+(?:day|week)|eod|eow|noon)\b/,
  /\b(?:can't|cannot|can\s+not|unable\s+to|couldn't)\s+(?:log\s?in|sign\s?in|access|use\s+(?:the|our|it)|work|ship|deploy|pay|check\s?out)\b/,
  /\b(?:customers?|users|clients)\s+(?:are\s+)?(?:affected|complaining|impacted|can't|cannot|unable)\b/,
  /\b(?:losing|lose|lost)\s+(?:money|sales|revenue|orders|customers|business)\b/,
  /\b(?:payments?|checkout|billing|orders?)\s+(?:are\s+|is\s+)?(?:failing|broken|not\s+going\s+through|down)\b/,
  /\b(?:plants?|crops?|greenhouse)\s+(?:are\s+|is\s+)?(?:dying|drying\s+out|flooding|flooded)\b/,
  /\b(?:renewal|contract)\s+(?:is\s+|ends\s+|expires\s+)?(?:next\s+week|tomorrow|this\s+week|on\s+\w+day)\b/,
];

// Said to be minor, or explicitly not pressing.
const LOW: readonly RegExp[] = [
  /\b(?:not\s+(?:urgent|a\s+priority|critical|pressing|important)|no\s+rush|no\s+hurry|low\s+priority|whenever\s+you|when\s+you\s+(?:get|have)\s+(?:a\s+)?(?:chance|time|a\s+moment))\b/,
  /\b(?:nice[-\s]to[-\s]have|someday|some\s+day|eventually|minor|cosmetic|typo|nitpick|tiny\s+thing|small\s+thing)\b/,
];

/**
 * The rules read further than the model (tokenize.ts MAX_TEXT_CHARS): "production is down" in a long post's third
 * paragraph still decides who gets paged.
 */
const MAX_URGENCY_CHARS = 2000;

/** Categories that are never pressing on their own: chatter and compliments. */
const CALM: ReadonlySet<Category> = new Set(['noise', 'praise']);

export function assessUrgency(text: string, category: Category): Urgency {
  const lower = text.slice(0, MAX_URGENCY_CHARS).toLowerCase().replace(/[\u2018\u2019]/g, "'");
  const saysLow = LOW.some((pattern) => pattern.test(lower));
  if (CRITICAL.some((pattern) => pattern.test(lower))) return saysLow ? 'high' : 'critical';
  // Chatter that says "right now" is still chatter; only a critical phrase lifts it (in case the category is wrong).
  if (category === 'noise') return 'low';
  if (HIGH.some((pattern) => pattern.test(lower)) && !/\bnot\s+(?:urgent|critical)\b/.test(lower)) return 'high';
  if (saysLow || CALM.has(category)) return 'low';
  return 'normal';
}
