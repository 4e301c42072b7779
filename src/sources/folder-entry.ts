import { lstat, readlink, realpath } from 'node:fs/promises';
import { isAbsolute, join, relative } from 'node:path';
import { InputError } from './input-error.js';

/**
 * The path of a file found in a replayed folder, after checking that it stays in the folder: a
 * symbolic link out of it (`app.previous.log -> /etc/passwd`) is refused, so a folder someone
 * else prepared cannot pull other files of this machine into a report or a ticket. A file named
 * on the command line is the user's own choice and is not checked.
 */
export async function entryInFolder(folder: string, entry: string): Promise<string> {
  const path = join(folder, entry);
  const stats = await lstat(path).catch(() => null);
  if (!stats?.isSymbolicLink()) return path;
  const target = await readlink(path).catch(() => '?');
  const [inside, resolved] = await Promise.all([realpath(folder), realpath(path).catch(() => null)]);
  if (resolved === null) throw new InputError(`${path} is a link to ${target}, which does not exist: remove the link or copy the file into ${folder}`);
  const where = relative(inside, resolved);
  if (where.startsWith('..') || isAbsolute(where)) {
    throw new InputError(`${path} is a link to ${target}, outside ${folder}: podmortem does not follow links out of a replayed folder; copy the file into the folder, or name it on the command line`);
  }
  return path;
}
