import type { Category } from '../../../config/schema.js';
import { BUG_EXAMPLES } from './bug.js';
import { CHURN_RISK_EXAMPLES } from './churn-risk.js';
import { COMPLAINT_EXAMPLES } from './complaint.js';
import { FEATURE_REQUEST_EXAMPLES } from './feature-request.js';
import { NOISE_EXAMPLES } from './noise.js';
import { PRAISE_EXAMPLES } from './praise.js';
import { QUESTION_EXAMPLES } from './question.js';
import { SALES_LEAD_EXAMPLES } from './sales-lead.js';

export interface CategoryExample {
  text: string;
  category: Category;
  /** How much this example counts relative to others (default 1); corrections from the ledger count more. */
  weight?: number;
}

/** The built-in training set: sentences written for this project in the voice of product communities. */
export const BUILTIN_EXAMPLES: Record<Category, readonly string[]> = {
  bug: BUG_EXAMPLES,
  feature_request: FEATURE_REQUEST_EXAMPLES,
  question: QUESTION_EXAMPLES,
  praise: PRAISE_EXAMPLES,
  complaint: COMPLAINT_EXAMPLES,
  sales_lead: SALES_LEAD_EXAMPLES,
  churn_risk: CHURN_RISK_EXAMPLES,
  noise: NOISE_EXAMPLES,
};

export function builtinExamples(): CategoryExample[] {
  return Object.entries(BUILTIN_EXAMPLES).flatMap(([category, texts]) => texts.map((text) => ({ text, category: category as Category })));
}
