export type Command = (argv: string[]) => Promise<number>;

/**
 * Every command, loaded lazily so `--help` and `replay` never parse the UI or the cluster
 * client. The injection and secrets tests walk this table, so a new command is tested for
 * terminal-safe and redacted output as soon as it exists.
 */
export const COMMANDS: Readonly<Record<string, () => Promise<Command>>> = {
  replay: async () => (await import('./commands/replay.js')).replayCommand,
  gallery: async () => (await import('./commands/gallery.js')).galleryCommand,
  rules: async () => (await import('./commands/rules.js')).rulesCommand,
  facts: async () => (await import('./commands/facts.js')).factsCommand,
  diagnose: async () => (await import('./commands/diagnose.js')).diagnoseCommand,
  scan: async () => (await import('./commands/scan.js')).scanCommand,
  record: async () => (await import('./commands/record.js')).recordCommand,
};
