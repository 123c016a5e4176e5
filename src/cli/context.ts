/**
 * What every command receives: validated configuration, output, and the global flags. Commands
 * never read the environment themselves.
 *
 * @module
 */
import type { Config } from '../config/index.js';
import type { Output } from './output.js';

export interface GlobalFlags {
  readonly json: boolean;
  readonly verbose: boolean;
  readonly dataDir?: string;
  readonly config?: string;
}

export interface CommandContext {
  readonly config: Config;
  readonly out: Output;
  readonly flags: GlobalFlags;
}
