#!/bin/sh
# The e2e test app (/bin/app in podmortem.test/app:1, a busybox-static image).
# One image plays every workload of the e2e suite: what it does is chosen by its
# arguments, so each failure is the real kernel, runtime or kubelet at work.
#
#   app exit CODE [MESSAGE]        print MESSAGE (default: a line naming CODE) to stderr, exit CODE
#   app alloc MIB                  hold MIB MiB of memory in this shell, then sleep
#   app serve PORT PATH=STATUS...  busybox httpd on PORT; GET /cgi-bin/PATH answers STATUS
#                                  (PATH without "/cgi-bin/"; e.g. healthz=500 ready=503)
#   app sleep [SECONDS]            sleep (default: a year)
#
# On SIGTERM every mode exits 143, the status of a process the signal killed
# (a shell as PID 1 would otherwise ignore it until the runtime sends SIGKILL).
set -u

on_term() { echo "app: received SIGTERM, exiting" >&2; exit 143; }

case "${1:-}" in
exit)
  code="${2:?app exit CODE}"
  echo "${3:-app: fatal: exiting with status $code}" >&2
  exit "$code"
  ;;
alloc)
  mib="${2:?app alloc MIB}"
  echo "app: allocating ${mib} MiB" >&2
  # Command substitution keeps the whole string in this shell's memory.
  held="$(head -c "$((mib * 1048576))" /dev/zero | tr '\0' x)"
  echo "app: holding ${#held} bytes" >&2
  trap on_term TERM
  while :; do sleep 3600 & wait $!; done
  ;;
serve)
  port="${2:?app serve PORT PATH=STATUS...}"
  shift 2
  mkdir -p /tmp/www/cgi-bin
  for pair in "$@"; do
    path="${pair%%=*}"
    status="${pair#*=}"
    case "$status" in
    200) text="OK" ;;
    500) text="Internal Server Error" ;;
    503) text="Service Unavailable" ;;
    *) text="Status $status" ;;
    esac
    # busybox httpd passes a CGI answer that starts with "HTTP/1." through as is.
    printf '#!/bin/sh\nprintf "HTTP/1.0 %s %s\\r\\nContent-Type: text/plain\\r\\n\\r\\n%s\\n"\n' \
      "$status" "$text" "$path: $status" >"/tmp/www/cgi-bin/$path"
    chmod 755 "/tmp/www/cgi-bin/$path"
    echo "app: GET /cgi-bin/$path answers $status" >&2
  done
  echo "app: listening on :$port" >&2
  trap on_term TERM
  httpd -f -p "$port" -h /tmp/www &
  wait $!
  ;;
sleep)
  trap on_term TERM
  sleep "${2:-31536000}" &
  wait $!
  ;;
*)
  echo "usage: app exit CODE [MESSAGE] | alloc MIB | serve PORT PATH=STATUS... | sleep [SECONDS]" >&2
  exit 2
  ;;
esac
