/** Something wrong with a rule file, located precisely enough to fix. */
export interface RuleProblem {
  readonly file: string;
  /** JSON path inside the file, e.g. `$.conditions.all[1].fact`. */
  readonly path: string;
  readonly message: string;
}

export function formatRuleProblem(problem: RuleProblem): string {
  return `${problem.file}: ${problem.path}: ${problem.message}`;
}
