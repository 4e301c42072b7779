/** A well-known crash line in a container log, and what it means. */
export interface LogSignature {
  readonly id: string;
  readonly pattern: RegExp;
  readonly meaning: string;
}

export const LOG_SIGNATURES: readonly LogSignature[] = [
  { id: 'java-heap-oom', pattern: /java\.lang\.OutOfMemoryError/, meaning: 'the JVM ran out of heap or metaspace' },
  { id: 'node-heap-oom', pattern: /JavaScript heap out of memory|Allocation failed - process out of memory/, meaning: 'Node.js ran out of heap' },
  { id: 'go-oom', pattern: /fatal error: runtime: out of memory/, meaning: 'the Go runtime could not allocate memory' },
  { id: 'python-memory-error', pattern: /^MemoryError\b|\bMemoryError$/m, meaning: 'Python could not allocate memory' },
  { id: 'exec-format-error', pattern: /exec format error/i, meaning: 'the binary was built for another CPU architecture' },
  { id: 'permission-denied', pattern: /permission denied|EACCES|Operation not permitted/i, meaning: 'the process lacks a file or socket permission' },
  { id: 'address-in-use', pattern: /address already in use|EADDRINUSE/i, meaning: 'another process already listens on the port' },
  { id: 'connection-refused', pattern: /connection refused|ECONNREFUSED/i, meaning: 'a dependency refused the connection' },
  { id: 'dns-failure', pattern: /no such host|getaddrinfo ENOTFOUND|Name or service not known|Temporary failure in name resolution/i, meaning: 'a host name did not resolve' },
  { id: 'command-not-found', pattern: /command not found|executable file not found|not found in \$PATH|: not found$/im, meaning: 'a command is missing from the image' },
  { id: 'no-such-file', pattern: /no such file or directory|ENOENT|FileNotFoundError/i, meaning: 'a file the process needs is missing' },
  // Go's flag package and cobra/pflag refusing an argument: the arguments were written for another version of the program than the image holds.
  { id: 'unknown-flag', pattern: /flag provided but not defined: |^Error: unknown (?:shorthand )?flag: /m, meaning: 'the program does not know a command-line flag it was given: the image is older or newer than the arguments (a chart and image version mismatch)' },
  { id: 'too-many-open-files', pattern: /too many open files|\bEMFILE\b/i, meaning: 'the process ran out of file descriptors or inotify instances (its ulimit, or fs.inotify.max_user_instances on the node)' },
  // bash's report of a command it ran that died of SIGKILL (`script: line 20: 29 Killed  cmd ...`, or a lone `Killed` for a foreground one): the kernel's OOM killer, mostly.
  { id: 'shell-killed', pattern: /: line \d{1,6}: +\d{1,9} Killed {1,40}\S|^Killed$/m, meaning: 'a command the shell ran was killed with SIGKILL, which the kernel OOM killer sends when memory runs out' },
  // Not Go's `[signal SIGSEGV: segmentation violation ...]` under `panic: runtime error: ... nil pointer dereference`: that is a panic the program exits on (code 2), not a signal crash.
  { id: 'segfault', pattern: /segmentation fault|(?<!\[signal )SIGSEGV/i, meaning: 'the process crashed on an invalid memory access' },
  { id: 'jvm-crash', pattern: /A fatal error has been detected by the Java Runtime Environment/, meaning: 'the JVM itself crashed (native code, JNI or a JVM bug); it wrote an hs_err file' },
  { id: 'cgo-crash', pattern: /signal arrived during cgo execution/, meaning: 'a Go program crashed inside C code called through cgo' },
  { id: 'libc-mismatch', pattern: /GLIBC_[\d.]+'? not found|Error relocating .*: symbol not found|ld-linux[\w.-]*: No such file/i, meaning: 'the binary was linked against a C library the image does not have (glibc binary on Alpine/musl)' },
  { id: 'go-panic', pattern: /^panic: |\bObserved a panic: /m, meaning: 'a Go program panicked' },
  { id: 'python-traceback', pattern: /^Traceback \(most recent call last\):/m, meaning: 'a Python program raised an uncaught exception' },
  { id: 'java-exception', pattern: /^Exception in thread "main"|^\S+(?:Exception|Error): .*\n\s+at [\w$.]+\(/m, meaning: 'a Java program threw an uncaught exception' },
  { id: 'node-uncaught', pattern: /^[ \t]*throw er; \/\/ Unhandled 'error' event|UnhandledPromiseRejection|^(?:Type|Reference|Syntax)Error: /m, meaning: 'a Node.js program threw an uncaught error' },
  // Node's resolver (CommonJS `Cannot find module 'x'` with its require stack; ESM's ERR_MODULE_NOT_FOUND, also for a package).
  { id: 'node-module-missing', pattern: /^Error(?: \[ERR_MODULE_NOT_FOUND\])?: Cannot find (?:module|package) '[^']{1,1024}'/m, meaning: 'Node.js could not find a module the program requires (not installed in the image, or a wrong path)' },
  // Frameworks' own line that the application did not start: Open Liberty/WebSphere (CWWKZ0002E/0004E), Spring Boot (SpringApplication's failure report, its failure analysis banner, its condition report hint), Tomcat's context start.
  { id: 'app-start-failed', pattern: /An exception occurred while starting the application\b|\bApplication (?:run|startup) failed\b|^\*{0,40}[ \t]{0,40}APPLICATION FAILED TO START\b|\bError starting ApplicationContext\b|\bContext \[[^\]\n]{0,200}\] startup failed due to previous errors/m, meaning: 'the application failed while starting up, as its framework reports' },
  { id: 'config-missing', pattern: /missing required (?:env|environment|config)|environment variable [\w"']+ (?:is )?(?:not set|required)|config(?:uration)? file .* not found/i, meaning: 'required configuration is missing' },
  { id: 'db-auth-failed', pattern: /password authentication failed|Access denied for user|authentication failed/i, meaning: 'credentials were rejected' },
  { id: 'tls-error', pattern: /x509: |certificate (?:verify failed|has expired|signed by unknown authority)/i, meaning: 'a TLS certificate was rejected' },
];

/** The signatures that occur in a log, each with the first line that matched. */
export function matchSignatures(log: string | undefined): Array<{ signature: LogSignature; line: string }> {
  if (!log) return [];
  const matches: Array<{ signature: LogSignature; line: string }> = [];
  for (const signature of LOG_SIGNATURES) {
    const m = signature.pattern.exec(log);
    if (!m) continue;
    const start = log.lastIndexOf('\n', m.index) + 1;
    const end = log.indexOf('\n', m.index);
    matches.push({ signature, line: log.slice(start, end === -1 ? undefined : end).trim() });
  }
  return matches;
}
