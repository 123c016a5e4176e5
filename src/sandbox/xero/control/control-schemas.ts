/**
 * Shapes of the /sandbox control routes' request bodies, checked at the edge.
 *
 * @module
 */
import { z } from 'zod';
import { SandboxControlError } from './control-error.js';

const region = z.enum(['AU', 'NZ', 'UK', 'US']);

export const newOrganisationBody = z.object({
  name: z.string().min(1),
  region,
  tenantId: z.string().uuid().optional(),
  baseCurrency: z.string().length(3).optional(),
  dailyLimitTier: z.enum(['standard', 'starter']).optional(),
  seed: z.boolean().optional(),
});

export const chartBody = z.object({ region: region.optional() });

export const lockDatesBody = z.object({
  periodLockDate: z.string().nullable().optional(),
  endOfYearLockDate: z.string().nullable().optional(),
});

export const tierBody = z.object({ tier: z.enum(['standard', 'starter']) });

export const clientBody = z.object({
  clientId: z.string().min(1).optional(),
  clientSecret: z.string().min(1).optional(),
  name: z.string().optional(),
  redirectUris: z.array(z.string().url()).optional(),
});

export const customConnectionBody = clientBody.extend({ tenantId: z.string().min(1) });

export const consentBody = z.object({ tenantIds: z.array(z.string()).optional() });

export const limitsBody = z.object({
  enabled: z.boolean().optional(),
  perMinute: z.number().int().positive().optional(),
  concurrent: z.number().int().positive().optional(),
  appPerMinute: z.number().int().positive().optional(),
});

const faultRule = z.object({
  kind: z.enum(['http500', 'http503', 'timeout', 'drop']),
  rate: z.number().min(0).max(1),
  endpoint: z.string().optional(),
  afterWrite: z.number().min(0).max(1).optional(),
  holdMs: z.number().nonnegative().optional(),
  then: z.enum(['answer', 'drop']).optional(),
});

/** A fault configuration, or null / no rules to switch faults off. */
export const faultsBody = z
  .object({ seed: z.number().int(), rules: z.array(faultRule) })
  .nullable()
  .optional();

export const webhookBody = z.object({
  url: z.string().url(),
  key: z.string().min(1).optional(),
  includeApiChanges: z.boolean().optional(),
});

/** Parses a body, or throws a 400 control error naming what is wrong. */
export function parseBody<T>(schema: z.ZodType<T>, body: unknown): T {
  const result = schema.safeParse(body);
  if (!result.success) throw new SandboxControlError(z.prettifyError(result.error));
  return result.data;
}
