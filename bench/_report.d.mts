// Types of bench/_report.mjs for the TypeScript benchmarks.
export interface Result {
  name: string;
  value: number;
  unit: string;
  baseline?: string | null;
  baselineValue?: number;
  ratio?: number | null;
  target?: string;
}
export function report(result: Result): void;
export function best(samples: number[]): number;
