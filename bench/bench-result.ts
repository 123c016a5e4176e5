/** What every benchmark returns, printed by bench/run.ts. */
export interface BenchResult {
  name: string;
  metrics: Record<string, number>;
  target: string;
  pass: boolean;
  notes?: string;
}
