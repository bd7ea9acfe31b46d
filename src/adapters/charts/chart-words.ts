/** The words charts and pages use for the core's codes. */
export const CATEGORY_LABEL: Record<string, string> = {
  bug: 'Bug', feature_request: 'Feature request', question: 'Question', praise: 'Praise', complaint: 'Complaint',
  sales_lead: 'Sales lead', churn_risk: 'Churn risk', noise: 'Chatter',
};
export const categoryLabel = (code: string) => CATEGORY_LABEL[code] ?? code.replace(/_/g, ' ');

export const SENTIMENT_LABEL = { negative: 'Negative', neutral: 'Neutral', positive: 'Positive' } as const;
export const OUTCOME_LABEL = { resolved: 'Resolved', declined: 'Declined', inProgress: 'In progress', untouched: 'Untouched' } as const;

/** Business hours with one decimal, for axes and tables. */
export const hours = (ms: number | null) => (ms === null ? null : Math.round(ms / 360_000) / 10);
export const percent = (n: number, of: number) => (of === 0 ? '–' : `${Math.round((100 * n) / of)}%`);
