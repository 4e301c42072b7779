/** What the UI asks of the terminal session around it besides drawing; run-ui provides it, tests record it. */
export interface UiHost {
  /** Puts text on the user's clipboard (OSC 52, so it works over SSH and in tmux). */
  readonly copy: (text: string) => void;
  /** Keeps text to print on standard output once the UI has closed (for `$(podmortem ...)` and the scrollback). */
  readonly printOnExit: (text: string) => void;
}

/** A host that does nothing, for a UI rendered without a terminal session around it. */
export const NO_HOST: UiHost = { copy: () => undefined, printOnExit: () => undefined };
