/** An error in the words the CLI would print for it (InputError messages are already one clear line). */
export function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
