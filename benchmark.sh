#!/usr/bin/env bash
# Runs a benchmark suite against a fresh local stack and writes a Markdown report.
#   ./benchmark.sh org-units      150,000 units through the bulk import, then get/children/ancestors/search
# The stack runs with its own data folder (benchmarks/target/stack-data), deleted before each run.
set -euo pipefail
cd "$(dirname "$0")"
suite="${1:-org-units}"

./mvnw -B -q -DskipTests package
export SANGKIEN_DATA_DIR=benchmarks/target/stack-data
rm -rf "$SANGKIEN_DATA_DIR"
touch local-stack/target/local-stack.built
./run-local.sh > benchmarks/target/stack.log 2>&1 &
stack=$!
trap 'kill -TERM $stack 2>/dev/null; wait $stack 2>/dev/null || true' EXIT
for _ in $(seq 1 180); do
  grep -q "All services ready" benchmarks/target/stack.log 2>/dev/null && break
  if ! kill -0 $stack 2>/dev/null; then cat benchmarks/target/stack.log; exit 1; fi
  sleep 1
done
grep -q "All services ready" benchmarks/target/stack.log || { cat benchmarks/target/stack.log; exit 1; }

java -jar benchmarks/target/benchmarks-1.0.0-SNAPSHOT.jar "$suite" "benchmarks/target/report-$suite.md"
