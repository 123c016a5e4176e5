/**
 * The error the control surface throws for a bad request (an unknown organisation, a document
 * Xero's rules refuse); the HTTP control routes turn it into a 4xx answer.
 *
 * @module
 */

export class SandboxControlError extends Error {
  constructor(
    message: string,
    readonly status: 400 | 404 = 400,
    /** Xero's ValidationErrors, when a bookkeeper action broke one of its rules. */
    readonly validationErrors: string[] = [],
  ) {
    super(message);
    this.name = 'SandboxControlError';
  }
}
