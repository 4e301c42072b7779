import { parseQuantity } from '../facts/quantity.js';
import { DEFAULT_MAX_INPUT_BYTES, inputLimits, type InputLimits } from '../sources/input-limits.js';
import { UsageError } from './usage-error.js';

/** `--max-input-size`, which replay input commands take. */
export const INPUT_SIZE_OPTION = { 'max-input-size': { type: 'string' } } as const;

/** The input limits `--max-input-size` (else `PODMORTEM_MAX_INPUT_SIZE`, else the default) asks for. */
export function inputLimitsOption(flag: string | undefined, env: NodeJS.ProcessEnv = process.env): InputLimits {
  const asked = flag ?? env.PODMORTEM_MAX_INPUT_SIZE;
  if (asked === undefined || asked === '') return inputLimits(DEFAULT_MAX_INPUT_BYTES);
  const bytes = parseQuantity(asked);
  const where = flag !== undefined ? '--max-input-size' : 'PODMORTEM_MAX_INPUT_SIZE';
  if (bytes === null || !Number.isFinite(bytes) || bytes < 1) throw new UsageError(`${where} takes a size like 512Mi, 2Gi or 100M, not "${asked}"`);
  return inputLimits(Math.floor(bytes));
}
