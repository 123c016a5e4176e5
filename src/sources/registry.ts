/**
 * The connectors by kind: adding a PMS is one folder and one line here (docs/adding-a-source.md).
 *
 * @module
 */
import { LedgerbridgeError } from '../errors/ledgerbridge-error.js';
import type { SourceKind } from '../store/sources-repo.js';
import { actionstepSource } from './actionstep/index.js';
import { clinikoSource } from './cliniko/index.js';
import { clioSource } from './clio/index.js';
import type { SourceDefinition } from './source.js';

const CONNECTORS: Partial<Record<SourceKind, SourceDefinition>> = {
  cliniko: clinikoSource,
  actionstep: actionstepSource,
  clio: clioSource,
};

/** Kinds that are pulled from an API (file and push sources are given documents instead). */
export const pulledKinds = (): SourceKind[] => Object.keys(CONNECTORS) as SourceKind[];

export function connectorFor(kind: SourceKind): SourceDefinition {
  const definition = CONNECTORS[kind];
  if (!definition)
    throw new LedgerbridgeError(
      'LB_SOURCE_UNKNOWN',
      `Ledgerbridge has no connector for ${kind} sources yet`,
    );
  return definition;
}
