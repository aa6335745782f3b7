/** Input a digest operation cannot accept; `field` names the argument or input field (userErrors, BAD_USER_INPUT). */
export class DigestInputError extends Error {
  override name = "DigestInputError";
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(message);
  }
}
