#!/usr/bin/env bash
# Starts a single-node KRaft Apache Kafka broker on 127.0.0.1:$KAFKA_PORT without Docker:
# broker jars come from Maven Central (cached), storage is formatted once, readiness is an admin call.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
source "$here/kafka-env.sh"

fetch_jars() {
  [ -f "$KAFKA_LIB/.complete" ] && return 0
  echo "kafka:up: fetching Kafka $KAFKA_VERSION broker jars with Maven (first run only)…"
  local started=$SECONDS work
  work="$(mktemp -d)"
  cat > "$work/pom.xml" <<POM
<project xmlns="http://maven.apache.org/POM/4.0.0">
  <modelVersion>4.0.0</modelVersion>
  <groupId>docflow.local</groupId><artifactId>kafka-broker-classpath</artifactId><version>0</version>
  <packaging>pom</packaging>
  <dependencies>
    <dependency><groupId>org.apache.kafka</groupId><artifactId>kafka_2.13</artifactId><version>$KAFKA_VERSION</version></dependency>
    <dependency><groupId>org.slf4j</groupId><artifactId>slf4j-simple</artifactId><version>$SLF4J_VERSION</version></dependency>
  </dependencies>
</project>
POM
  rm -rf "$KAFKA_LIB" && mkdir -p "$KAFKA_LIB"
  mvn -q -B -f "$work/pom.xml" "$DEPENDENCY_PLUGIN:copy-dependencies" \
    -DoutputDirectory="$KAFKA_LIB" -DincludeScope=runtime
  rm -rf "$work"
  touch "$KAFKA_LIB/.complete"
  echo "kafka:up: jars fetched in $((SECONDS - started)) s"
}

running_pid() {
  [ -f "$PID_FILE" ] || return 1
  local pid; pid="$(cat "$PID_FILE")"
  kill -0 "$pid" 2>/dev/null && echo "$pid"
}

fetch_jars
mkdir -p "$KAFKA_DIR"
if pid="$(running_pid)"; then
  echo "kafka:up: broker already running (pid $pid) on 127.0.0.1:$KAFKA_PORT"
  exit 0
fi

cat > "$KAFKA_DIR/server.properties" <<PROPS
process.roles=broker,controller
node.id=1
controller.quorum.voters=1@127.0.0.1:$CONTROLLER_PORT
listeners=PLAINTEXT://127.0.0.1:$KAFKA_PORT,CONTROLLER://127.0.0.1:$CONTROLLER_PORT
advertised.listeners=PLAINTEXT://127.0.0.1:$KAFKA_PORT
inter.broker.listener.name=PLAINTEXT
controller.listener.names=CONTROLLER
listener.security.protocol.map=CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT
log.dirs=$KAFKA_DIR/logs
num.partitions=1
offsets.topic.replication.factor=1
offsets.topic.num.partitions=1
transaction.state.log.replication.factor=1
transaction.state.log.min.isr=1
share.coordinator.state.topic.replication.factor=1
share.coordinator.state.topic.min.isr=1
group.initial.rebalance.delay.ms=0
auto.create.topics.enable=false
PROPS

started=$SECONDS
java_cp="$KAFKA_LIB/*"
if [ ! -f "$KAFKA_DIR/logs/meta.properties" ]; then
  cluster_id="$(java -cp "$java_cp" kafka.tools.StorageTool random-uuid 2>/dev/null | tail -n 1)"
  java -cp "$java_cp" kafka.tools.StorageTool format --ignore-formatted \
    -t "$cluster_id" -c "$KAFKA_DIR/server.properties" > "$KAFKA_DIR/format.log" 2>&1 \
    || { echo "kafka:up: storage format failed:"; cat "$KAFKA_DIR/format.log"; exit 1; }
fi

nohup java -Xms256m -Xmx512m -XX:+UseG1GC -XX:MaxGCPauseMillis=20 -Djava.awt.headless=true \
  -Dorg.slf4j.simpleLogger.defaultLogLevel=warn \
  -cp "$java_cp" kafka.Kafka "$KAFKA_DIR/server.properties" > "$KAFKA_DIR/broker.log" 2>&1 &
echo $! > "$PID_FILE"

deadline=$((SECONDS + ${KAFKA_START_TIMEOUT:-90}))
until KAFKA_BROKERS="127.0.0.1:$KAFKA_PORT" node "$here/kafka-ready.mjs" 2>/dev/null; do
  if ! running_pid >/dev/null; then
    echo "kafka:up: broker exited during start-up; last log lines:"; tail -n 30 "$KAFKA_DIR/broker.log"; exit 1
  fi
  if [ $SECONDS -ge $deadline ]; then
    echo "kafka:up: broker not ready after ${KAFKA_START_TIMEOUT:-90} s; last log lines:"; tail -n 30 "$KAFKA_DIR/broker.log"
    kill "$(cat "$PID_FILE")" 2>/dev/null || true; exit 1
  fi
  sleep 1
done
echo "kafka:up: broker ready on 127.0.0.1:$KAFKA_PORT (pid $(cat "$PID_FILE")) in $((SECONDS - started)) s"
