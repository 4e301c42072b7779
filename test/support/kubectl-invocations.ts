// Reads the kubectl invocations out of a suggested command line (pipes, `&&`, `;`, quotes, a
// leading `time`) and checks each against what kubectl accepts (kubectl-table.ts).
import { GLOBAL_FLAGS, GLOBAL_SHORT, KINDS, VERB_ALIASES, VERBS, type FlagKind, type VerbSpec } from './kubectl-table.js';

/** Splits a shell line into the words of each command, as sh would: quotes kept together, `|`, `||`, `&&` and `;` between commands. */
export function shellCommands(line: string): string[][] {
  const commands: string[][] = [[]];
  let word: string | null = null;
  const push = () => {
    if (word !== null) commands[commands.length - 1]!.push(word);
    word = null;
  };
  for (let i = 0; i < line.length; i++) {
    const c = line[i]!;
    if (c === "'") {
      const end = line.indexOf("'", i + 1);
      if (end < 0) throw new Error(`unterminated ' in: ${line}`);
      word = (word ?? '') + line.slice(i + 1, end);
      i = end;
    } else if (c === '"') {
      let text = '';
      for (i++; i < line.length && line[i] !== '"'; i++) text += line[i] === '\\' && /["\\$`]/.test(line[i + 1] ?? '') ? line[++i] : line[i];
      if (i >= line.length) throw new Error(`unterminated " in: ${line}`);
      word = (word ?? '') + text;
    } else if (c === '\\') {
      word = (word ?? '') + (line[++i] ?? '');
    } else if (/\s/.test(c)) {
      push();
    } else if (c === '|' || c === ';' || (c === '&' && line[i + 1] === '&')) {
      push();
      if (line[i + 1] === c) i++;
      commands.push([]);
    } else {
      word = (word ?? '') + c;
    }
  }
  push();
  return commands.filter((words) => words.length > 0);
}

/** The arguments of every kubectl run in the line (after `kubectl`), a leading `time` dropped. */
export function kubectlInvocations(line: string): string[][] {
  return shellCommands(line)
    .map((words) => (words[0] === 'time' ? words.slice(1) : words))
    .filter((words) => words[0] === 'kubectl')
    .map((words) => words.slice(1));
}

export interface Invocation {
  /** `get`, `set resources`, `create secret docker-registry`. */
  readonly verb: string;
  readonly spec: VerbSpec;
  readonly positionals: string[];
  /** Long flag names given, with their values (`true` for a bool). */
  readonly flags: Map<string, string>;
  /** What follows `--`. */
  readonly command: string[];
}

function verbOf(args: readonly string[]): { verb: string; rest: string[] } | null {
  for (const length of [3, 2, 1]) {
    const words = args.slice(0, length).join(' ');
    const verb = VERB_ALIASES[words] ?? words;
    if (VERBS[verb]) return { verb, rest: args.slice(length) };
  }
  return null;
}

/** Parses kubectl arguments into verb, flags and positionals; the problems, if kubectl would refuse them. */
export function parseInvocation(args: readonly string[]): { invocation: Invocation | null; problems: string[] } {
  const problems: string[] = [];
  // Global flags may come before the verb too (`kubectl -n shop get pods`); podmortem puts them after.
  const found = verbOf(args);
  if (!found) return { invocation: null, problems: [`unknown kubectl command "${args.slice(0, 2).join(' ')}"`] };
  const { verb, rest } = found;
  const spec = VERBS[verb]!;
  const kindOf = (long: string): FlagKind | undefined => spec.flags[long] ?? GLOBAL_FLAGS[long];
  const flags = new Map<string, string>();
  const positionals: string[] = [];
  let command: string[] = [];
  for (let i = 0; i < rest.length; i++) {
    const arg = rest[i]!;
    if (arg === '--') {
      command = rest.slice(i + 1);
      break;
    }
    if (arg.startsWith('--')) {
      const [name, inline] = arg.slice(2).split(/=(.*)/s) as [string, string | undefined];
      const kind = kindOf(name);
      if (!kind) {
        problems.push(`kubectl ${verb} has no flag --${name}`);
        continue;
      }
      if (kind === 'bool') flags.set(name, inline ?? 'true');
      else if (inline !== undefined) flags.set(name, inline);
      else if (i + 1 < rest.length) flags.set(name, rest[++i]!);
      else problems.push(`--${name} needs a value`);
      continue;
    }
    if (arg.startsWith('-') && arg.length > 1) {
      // Short flags: `-n shop`, `-c=app`, `-it` (bools together).
      const letters = arg.slice(1);
      for (let j = 0; j < letters.length; j++) {
        const letter = letters[j]!;
        const long = spec.short?.[letter] ?? GLOBAL_SHORT[letter];
        const kind = long ? kindOf(long) : undefined;
        if (!long || !kind) {
          problems.push(`kubectl ${verb} has no flag -${letter}`);
          break;
        }
        if (kind === 'bool') {
          flags.set(long, 'true');
          continue;
        }
        const inline = letters.slice(j + 1).replace(/^=/, '');
        if (inline) flags.set(long, inline);
        else if (i + 1 < rest.length) flags.set(long, rest[++i]!);
        else problems.push(`-${letter} needs a value`);
        break;
      }
      continue;
    }
    if (arg.endsWith(',')) problems.push(`"${arg}" ends in a comma: a list was put where kubectl takes one name`);
    positionals.push(arg);
  }
  for (const [flag, allowed] of Object.entries(spec.values ?? {})) {
    const value = flags.get(flag);
    if (value !== undefined && !allowed.includes(value)) problems.push(`--${flag}=${value}: kubectl 1.28 knows ${allowed.join(', ')}`);
  }
  problems.push(...positionalProblems(verb, spec, positionals, flags));
  if (spec.needsCommand && command.length === 0) problems.push(`kubectl ${verb} needs a command after --`);
  return { invocation: { verb, spec, positionals, flags, command }, problems };
}

/** The kinds a resource argument names: `deployment/api`, `configmaps,secrets`, `pvc`. */
export function resourceKinds(argument: string): string[] {
  const types = argument.includes('/') ? [argument.slice(0, argument.indexOf('/'))] : argument.split(',');
  return types.map((type) => type.toLowerCase().replace(/\.(apps|batch|v1)(\..*)?$/, ''));
}

function positionalProblems(verb: string, spec: VerbSpec, positionals: readonly string[], flags: ReadonlyMap<string, string>): string[] {
  const first = positionals[0];
  if (spec.positional === 'resource') {
    if (!first) return [`kubectl ${verb} needs a resource`];
    const problems: string[] = [];
    for (const type of resourceKinds(first)) {
      const kind = KINDS[type];
      if (!kind) problems.push(`kubectl ${verb}: unknown resource type "${type}"`);
      else if (spec.kinds !== 'any' && !spec.kinds?.has(kind)) problems.push(`kubectl ${verb} does not work on ${kind} (only ${[...(spec.kinds ?? [])].join(', ')})`);
    }
    return problems;
  }
  if (spec.positional === 'pod') {
    if (!first && !flags.has('selector')) return [`kubectl ${verb} needs a pod`];
    if (first?.includes('/')) {
      const kind = KINDS[resourceKinds(first)[0]!];
      const allowed = verb === 'debug' ? ['pod', 'node'] : ['pod', 'deployment', 'statefulset', 'daemonset', 'replicaset', 'job'];
      if (!kind || !allowed.includes(kind)) return [`kubectl ${verb} cannot take ${first}`];
    }
    return [];
  }
  if ((spec.positional === 'node' || spec.positional === 'name') && verb.startsWith('create') && !first) return [`kubectl ${verb} needs a name`];
  return [];
}
