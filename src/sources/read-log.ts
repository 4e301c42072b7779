import type { InputLimits } from './input-limits.js';
import { openInput } from './open-input.js';

/**
 * A container log's text: its last `maxWholeBytes` at most (from the start of a line), which is
 * where a crashed instance's last words are, as `kubectl logs --tail` would keep them.
 */
export async function readLogText(path: string, limits: InputLimits): Promise<string> {
  const input = await openInput(path, limits);
  const chunks: Buffer[] = [];
  let held = 0;
  let cut = false;
  for await (const chunk of input.chunks) {
    chunks.push(chunk);
    held += chunk.length;
    while (held - (chunks[0]?.length ?? 0) >= limits.maxWholeBytes) {
      held -= (chunks.shift() as Buffer).length;
      cut = true;
    }
  }
  let bytes = Buffer.concat(chunks);
  if (bytes.length > limits.maxWholeBytes) {
    bytes = bytes.subarray(bytes.length - limits.maxWholeBytes);
    cut = true;
  }
  if (cut) {
    const lineStart = bytes.indexOf(0x0a);
    if (lineStart >= 0) bytes = bytes.subarray(lineStart + 1);
  }
  return bytes.toString('utf8');
}
