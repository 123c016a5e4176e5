/** Connected Xero organisations (tenants). Tokens live elsewhere, encrypted. */
import type { Queryable } from './database.js';

export type OrganisationStatus = 'connected' | 'needs_reconnect' | 'disconnected';

export interface OrganisationRow {
  readonly tenantId: string;
  readonly name: string;
  readonly connectionKind: 'oauth' | 'client_credentials';
  readonly status: OrganisationStatus;
  readonly statusReason: string | null;
  readonly baseCurrency: string | null;
}

export async function upsertOrganisation(
  db: Queryable,
  org: Pick<OrganisationRow, 'tenantId' | 'name' | 'connectionKind'> & {
    baseCurrency?: string | null;
  },
): Promise<void> {
  await db.query(
    `INSERT INTO organisations (tenant_id, name, connection_kind, base_currency) VALUES ($1, $2, $3, $4)
     ON CONFLICT (tenant_id) DO UPDATE SET name = excluded.name, connection_kind = excluded.connection_kind,
       base_currency = COALESCE(excluded.base_currency, organisations.base_currency),
       status = 'connected', status_reason = NULL, updated_at = now()`,
    [org.tenantId, org.name, org.connectionKind, org.baseCurrency ?? null],
  );
}

export async function setOrganisationStatus(
  db: Queryable,
  tenantId: string,
  status: OrganisationStatus,
  reason: string | null,
): Promise<void> {
  await db.query(
    'UPDATE organisations SET status = $2, status_reason = $3, updated_at = now() WHERE tenant_id = $1',
    [tenantId, status, reason],
  );
}

export async function listOrganisations(db: Queryable): Promise<OrganisationRow[]> {
  const rows = await db.query<{
    tenant_id: string;
    name: string;
    connection_kind: 'oauth' | 'client_credentials';
    status: OrganisationStatus;
    status_reason: string | null;
    base_currency: string | null;
  }>(
    'SELECT tenant_id, name, connection_kind, status, status_reason, base_currency FROM organisations ORDER BY name',
  );
  return rows.map((r) => ({
    tenantId: r.tenant_id,
    name: r.name,
    connectionKind: r.connection_kind,
    status: r.status,
    statusReason: r.status_reason,
    baseCurrency: r.base_currency,
  }));
}

export interface OrganisationName {
  readonly tenantId: string;
  readonly name: string;
}

/** Organisations still connected through any of these token sets (what keys reset would touch). */
export async function organisationsUsingTokenSets(
  db: Queryable,
  tokenSetIds: readonly string[],
): Promise<OrganisationName[]> {
  const rows = await db.query<{ tenant_id: string; name: string }>(
    `SELECT tenant_id, name FROM organisations
      WHERE token_set_id = ANY($1::text[]) AND status <> 'disconnected' ORDER BY name`,
    [tokenSetIds],
  );
  return rows.map((r) => ({ tenantId: r.tenant_id, name: r.name }));
}

/** Marks the organisations of these token sets "needs reconnecting"; returns them. */
export async function markNeedingReconnect(
  db: Queryable,
  tokenSetIds: readonly string[],
  reason: string,
): Promise<OrganisationName[]> {
  const rows = await db.query<{ tenant_id: string; name: string }>(
    `UPDATE organisations SET status = 'needs_reconnect', status_reason = $2, updated_at = now()
      WHERE token_set_id = ANY($1::text[]) AND status <> 'disconnected' RETURNING tenant_id, name`,
    [tokenSetIds, reason],
  );
  return rows
    .map((r) => ({ tenantId: r.tenant_id, name: r.name }))
    .sort((a, b) => a.name.localeCompare(b.name));
}

/** The token sets these organisations use now (a reconnect retires those left unused). */
export async function tokenSetsOf(db: Queryable, tenantIds: readonly string[]): Promise<string[]> {
  const rows = await db.query<{ token_set_id: string }>(
    `SELECT DISTINCT token_set_id FROM organisations
      WHERE tenant_id = ANY($1::text[]) AND token_set_id IS NOT NULL`,
    [tenantIds],
  );
  return rows.map((r) => r.token_set_id);
}
