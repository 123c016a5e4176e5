/**
 * One setting: its environment variable, its path in the config file, how it is checked, its
 * default and its meaning (config-schema.ts lists them all).
 *
 * @module
 */
import { z } from 'zod';

export const url = z.url({ protocol: /^https?$/, message: 'expected an http(s) URL' });
export const optionalUrl = url.optional();

export interface SettingSpec {
  readonly env: string;
  readonly path: readonly string[];
  readonly schema: z.ZodType;
  readonly default?: string;
  readonly description: string;
  readonly secret?: boolean;
}

export const setting = (
  env: string,
  path: string,
  schema: z.ZodType,
  description: string,
  extra: { default?: string; secret?: boolean } = {},
): SettingSpec => ({ env, path: path.split('.'), schema, description, ...extra });
