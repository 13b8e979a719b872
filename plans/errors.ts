import type { Location, PlanProblem, ProblemArgs, ProblemCode } from './problems';
import { problem } from './problems';

/**
 * An input the importer cannot use at all. `problem` says why and where (the file and, where
 * known, the row and column); the bot and the command line word it from the locales. The
 * message is for logs only: the file, then the code and its arguments.
 */
export class PlanInputError extends Error {
  override name = 'PlanInputError';
  readonly problem: PlanProblem;

  constructor(problem: PlanProblem) {
    super(`${problem.where.file}: ${problem.code} ${JSON.stringify({ where: problem.where, args: problem.args })}`);
    this.problem = problem;
  }
}

/** A PlanInputError of `code` at `where`. */
export function refusal<C extends ProblemCode>(code: C, where: Location, args: ProblemArgs[C]): PlanInputError {
  return new PlanInputError(problem(code, where, args));
}
