/**
 * Exit codes of Windows containers. A Windows process that ends on an exception or a console
 * control event exits with the NTSTATUS code of it, which kubelet reports as a signed 32-bit
 * number (`-1073741510` is 0xC000013A) and some runtimes as an unsigned one (3221225786); nothing
 * about it is an application's own error code.
 */

/** What kind of end a status is: a crash, a stop from outside, a kill by the host, or an image that cannot run on the node. */
export type WindowsExitKind = 'crash' | 'stopped' | 'killed' | 'image';

interface WindowsStatus {
  readonly name: string;
  readonly kind: WindowsExitKind;
  readonly meaning: string;
}

const STATUSES: ReadonlyMap<number, WindowsStatus> = new Map([
  [0xc000013a, { name: 'STATUS_CONTROL_C_EXIT', kind: 'stopped', meaning: "stopped by a console control event (Ctrl+C, or the stop the runtime sends): Windows' counterpart of SIGINT or SIGTERM" }],
  [0x40010004, { name: 'DBG_TERMINATE_PROCESS', kind: 'killed', meaning: "terminated by the host (the runtime ended the process): Windows' counterpart of SIGKILL" }],
  [0xc0000005, { name: 'STATUS_ACCESS_VIOLATION', kind: 'crash', meaning: "crashed on an invalid memory access: Windows' segmentation fault" }],
  [0xc00000fd, { name: 'STATUS_STACK_OVERFLOW', kind: 'crash', meaning: 'crashed on a stack overflow (deep or endless recursion)' }],
  [0xc0000409, { name: 'STATUS_STACK_BUFFER_OVERRUN', kind: 'crash', meaning: 'ended by a fail-fast (a detected buffer overrun, or abort()): a crash' }],
  [0xc0000374, { name: 'STATUS_HEAP_CORRUPTION', kind: 'crash', meaning: 'crashed on a corrupted heap' }],
  [0xc000001d, { name: 'STATUS_ILLEGAL_INSTRUCTION', kind: 'crash', meaning: 'crashed on an instruction the CPU does not have' }],
  [0xc0000135, { name: 'STATUS_DLL_NOT_FOUND', kind: 'image', meaning: 'a DLL the program needs is not in the image (often a base image that does not match the program)' }],
  [0xc0000142, { name: 'STATUS_DLL_INIT_FAILED', kind: 'image', meaning: "a DLL failed to initialise (often a Windows base image whose version does not match the node's)" }],
  [0xc000007b, { name: 'STATUS_INVALID_IMAGE_FORMAT', kind: 'image', meaning: 'the program is no valid Windows binary for this node (32/64-bit or another CPU)' }],
]);

/** The Windows status an exit code is, signed or unsigned; null for any other code. */
export function windowsStatus(exitCode: number | null | undefined): WindowsStatus | null {
  if (typeof exitCode !== 'number' || !Number.isInteger(exitCode) || exitCode < -0x80000000 || exitCode > 0xffffffff) return null;
  return STATUSES.get(exitCode >>> 0) ?? null;
}
