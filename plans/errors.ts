/** An input the importer cannot use at all. The message names the file and, where known, the row and column. */
export class PlanInputError extends Error {
  override name = 'PlanInputError';
}
