/**
 * The conformance check each test file ends with: every exchange it made, against Xero's spec.
 * Skipped, saying so, when ../shared/xero-openapi/ is absent.
 *
 * @module
 */
import { existsSync } from 'node:fs';
import { expect, it } from 'vitest';
import type { Exchange } from '../options.js';
import { SPEC_DIR, loadSpecValidator } from './spec-validator.js';
import type { SpecValidator } from './spec-validator.js';

export const SPEC_PRESENT = existsSync(SPEC_DIR);

let validator: SpecValidator | undefined;

/** The validator, built once per test process. */
export function specValidator(): SpecValidator {
  validator ??= loadSpecValidator();
  if (!validator) throw new Error(`Xero OpenAPI spec not found at ${SPEC_DIR}`);
  return validator;
}

/** Registers the file's last test: all recorded exchanges conform to the spec. */
export function conformanceTest(exchanges: () => readonly Exchange[]): void {
  const title = SPEC_PRESENT
    ? "every request accepted and every answer conforms to Xero's OpenAPI spec"
    : `spec conformance SKIPPED: ${SPEC_DIR} is absent`;
  it.skipIf(!SPEC_PRESENT)(title, () => {
    const report = specValidator().check(exchanges());
    expect(report.failures).toEqual([]);
    expect(report.undescribed).toEqual([]);
    expect(report.checked).toBeGreaterThan(0);
  });
}
