import { visibleControls } from '../../report/visible-controls.js';

/** An error in the words the CLI would print for it (InputError messages are already one clear line), control characters shown. */
export function errorText(error: unknown): string {
  return visibleControls(error instanceof Error ? error.message : String(error));
}
