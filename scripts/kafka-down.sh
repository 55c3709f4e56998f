#!/usr/bin/env bash
# Stops the broker started by kafka-up.sh (by its process id); --purge also deletes its data.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
source "$here/kafka-env.sh"
if [ -f "$PID_FILE" ]; then
  pid="$(cat "$PID_FILE")"
  if kill -0 "$pid" 2>/dev/null; then
    kill "$pid"
    for _ in $(seq 1 30); do kill -0 "$pid" 2>/dev/null || break; sleep 1; done
    kill -9 "$pid" 2>/dev/null || true
    echo "kafka:down: broker $pid stopped"
  fi
  rm -f "$PID_FILE"
else
  echo "kafka:down: no broker running for port $KAFKA_PORT"
fi
if [ "${1:-}" = "--purge" ]; then rm -rf "$KAFKA_DIR"; fi
