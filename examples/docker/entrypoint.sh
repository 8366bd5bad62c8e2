#!/bin/sh
# Schema Guard's container entrypoint: run the guard's boot, then start the service only on PASS.
#
#   ENTRYPOINT ["/app/entrypoint.sh"]          (exec form: this script is PID 1)
#   CMD ["java", "-jar", "/app/service.jar"]   (the service, started with exec after PASS)
#
# Signals: a shell that is PID 1 ignores SIGTERM unless it traps it, so while the guard runs this
# script traps TERM, INT and HUP, passes each on to the guard and waits for the guard to end; the
# service is then never started. After PASS the script replaces itself with the service (exec):
# the service is PID 1 and receives the platform's signals itself.
#
# Exit status: the guard's (1 FAIL, 2 configuration error, 3 HANG, 128+n killed by signal n),
# or the service's once it runs.
#
# Environment: SCHEMA_GUARD_JAR (default /app/schema-guard.jar), SCHEMA_GUARD_CONFIG (default
# /app/schema-guard.yaml), SCHEMA_GUARD_ARGS (more boot options, split on spaces, e.g.
# "--status-file /run/schema-guard/status.json"), JAVA (default java), JAVA_OPTS.
set -u

if [ "$#" -eq 0 ]; then
  echo "schema-guard entrypoint: no service to start; give it as the image's CMD" >&2
  exit 2
fi

# shellcheck disable=SC2086 # JAVA_OPTS and SCHEMA_GUARD_ARGS are lists of words
"${JAVA:-java}" ${JAVA_OPTS:-} -jar "${SCHEMA_GUARD_JAR:-/app/schema-guard.jar}" boot \
  --config "${SCHEMA_GUARD_CONFIG:-/app/schema-guard.yaml}" ${SCHEMA_GUARD_ARGS:-} &
guard=$!

stopping=
forward() {
  stopping=$1
  kill -s "$1" "$guard" 2>/dev/null
}
trap 'forward TERM' TERM
trap 'forward INT' INT
trap 'forward HUP' HUP

# A trapped signal ends `wait` early (status > 128) while the guard is still shutting down: wait again.
while :; do
  wait "$guard"
  status=$?
  kill -0 "$guard" 2>/dev/null || break
done
if [ "$status" -gt 128 ]; then
  # The wait was cut short just as the guard ended: ask once more for its own status.
  wait "$guard" 2>/dev/null
  rc=$?
  [ "$rc" -ne 127 ] && status=$rc
fi

if [ "$status" -ne 0 ]; then
  exit "$status"
fi
if [ -n "$stopping" ]; then
  # Asked to stop while the guard was passing: do not start the service.
  echo "schema-guard entrypoint: SIG$stopping received during the boot; not starting the service" >&2
  case $stopping in
    HUP) exit 129 ;;
    INT) exit 130 ;;
    *) exit 143 ;;
  esac
fi
trap - TERM INT HUP
exec "$@"
