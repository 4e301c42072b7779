import { stat } from 'node:fs/promises';
import { homedir } from 'node:os';
import { delimiter, isAbsolute, join, resolve } from 'node:path';
import { InputError } from './input-error.js';

/** A user rule file or folder, with how the user configured it (for messages and `rules list`). */
export interface RuleSource {
  readonly path: string;
  readonly origin: 'config folder' | 'PODMORTEM_RULES' | '--rules';
}

/** `$XDG_CONFIG_HOME/podmortem/rules`, else `~/.config/podmortem/rules` (the spec ignores a relative XDG_CONFIG_HOME). */
export function configRulesFolder(env: NodeJS.ProcessEnv = process.env): string {
  const xdg = env.XDG_CONFIG_HOME;
  const base = xdg && isAbsolute(xdg) ? xdg : join(env.HOME || homedir(), '.config');
  return join(base, 'podmortem', 'rules');
}

async function exists(path: string): Promise<boolean> {
  try {
    await stat(path);
    return true;
  } catch {
    return false;
  }
}

/**
 * The user's rule sources, lowest precedence first: the config folder (when it exists), then
 * PODMORTEM_RULES entries, then --rules paths; a later source's rule replaces a same-id rule of
 * an earlier one. A path the user named that does not exist is an error, never silently ignored.
 */
export async function userRuleSources(flagPaths: readonly string[], env: NodeJS.ProcessEnv = process.env): Promise<RuleSource[]> {
  const sources: RuleSource[] = [];
  const folder = configRulesFolder(env);
  if (await exists(folder)) sources.push({ path: folder, origin: 'config folder' });
  for (const path of (env.PODMORTEM_RULES ?? '').split(delimiter).filter(Boolean)) sources.push({ path, origin: 'PODMORTEM_RULES' });
  for (const path of flagPaths) sources.push({ path, origin: '--rules' });
  for (const source of sources) {
    if (!(await exists(source.path))) {
      throw new InputError(`${source.origin} names ${source.path}, which does not exist: give a rule file or a folder of rule files`);
    }
  }
  // The same path named twice layers once, where it takes precedence.
  return sources.filter((source, i) => !sources.slice(i + 1).some((later) => resolve(later.path) === resolve(source.path)));
}
