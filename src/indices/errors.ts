/**
 * A caller asked for an index with arguments that cannot be answered (an invalid dimension/measure
 * combination, bad weights, a date out of range, ...). `argument` names the offending argument as the
 * GraphQL field spells it, so the API layer can answer BAD_USER_INPUT pointing at it.
 */
export class IndexInputError extends Error {
  override name = "IndexInputError";
  constructor(
    readonly argument: string,
    message: string,
  ) {
    super(message);
  }
}
