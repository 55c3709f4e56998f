# Shared settings of the local Kafka broker scripts (sourced, not run).
KAFKA_VERSION="${KAFKA_VERSION:-4.1.1}"
SLF4J_VERSION="2.0.17"
DEPENDENCY_PLUGIN="org.apache.maven.plugins:maven-dependency-plugin:3.8.1"
KAFKA_PORT="${KAFKA_PORT:-9092}"
CONTROLLER_PORT=$((KAFKA_PORT + 1))
DATA_DIR="${DOCFLOW_DATA_DIR:-./data}"
mkdir -p "$DATA_DIR"
DATA_DIR="$(cd "$DATA_DIR" && pwd)"
KAFKA_DIR="$DATA_DIR/kafka-$KAFKA_PORT"
KAFKA_LIB="${DOCFLOW_KAFKA_LIB:-$HOME/.cache/docflow/kafka-$KAFKA_VERSION/lib}"
PID_FILE="$KAFKA_DIR/broker.pid"
