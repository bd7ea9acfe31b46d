/** One thing wrong with one row of a training or evaluation file (delivery/model-words.ts says it). */
export interface CsvProblem {
  row: number;
  kind: 'no_text' | 'no_label' | 'unknown_label' | 'no_team' | 'unknown_team';
  value?: string;
}
