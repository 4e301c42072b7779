const ESC = '\u001B';
const BEL = '\u0007';

/** OSC 52: asks the terminal to put `text` on the system clipboard; works over SSH, since the terminal on the user's side does it. */
export function osc52(text: string): string {
  return `${ESC}]52;c;${Buffer.from(text, 'utf8').toString('base64')}${BEL}`;
}

/** tmux passes a DCS `tmux;` sequence to the outer terminal (with `allow-passthrough on`); every ESC inside is doubled. */
export function tmuxPassthrough(sequence: string): string {
  return `${ESC}Ptmux;${sequence.replaceAll(ESC, ESC + ESC)}${ESC}\\`;
}

/**
 * The bytes that copy `text` to the clipboard from where the UI runs. Inside tmux both forms go
 * out: tmux itself takes the plain one when `set-clipboard on` (it keeps a paste buffer and tells
 * the outer terminal), and the passthrough reaches the outer terminal when `allow-passthrough on`.
 */
export function clipboardSequence(text: string, env: NodeJS.ProcessEnv): string {
  const sequence = osc52(text);
  return env.TMUX ? sequence + tmuxPassthrough(sequence) : sequence;
}
