import type { Dirent } from 'node:fs';
import { readdir } from 'node:fs/promises';

/**
 * The entries of a directory, or none when it cannot be listed (missing, not a directory, no
 * permission): the searches that walk a tree skip what they cannot read instead of failing.
 */
export async function readableEntries(dir: string): Promise<Dirent[]> {
  try {
    return await readdir(dir, { withFileTypes: true });
  } catch {
    return [];
  }
}
