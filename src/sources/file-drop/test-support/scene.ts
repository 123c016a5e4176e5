/** Each import test's own store and temporary folder, both removed after the test. */
import { afterEach } from 'vitest';
import { freshDatabase, type FreshDatabase } from '../../../../test/support/backends.js';
import type { Backend } from '../../../store/database.js';
import { tempFolder, type TempFolder } from './files.js';

export interface Scene {
  readonly fresh: FreshDatabase;
  readonly folder: TempFolder;
}

/** Call in a describe block; each call of what it returns opens a scene for the running test. */
export function scenes(backend: Backend): (folderPrefix?: string) => Promise<Scene> {
  let open: Scene | undefined;
  afterEach(async () => {
    const scene = open;
    open = undefined;
    scene?.folder.remove();
    await scene?.fresh.dispose();
  });
  return async (folderPrefix) => {
    open = { fresh: await freshDatabase(backend), folder: tempFolder(folderPrefix) };
    return open;
  };
}
