#!/usr/bin/env bash
# Runs a benchmark suite against a fresh local stack and writes a Markdown report to benchmarks/target/.
#   ./benchmark.sh org-units   150,000 units through the bulk import, then get/children/ancestors/search
#   ./benchmark.sh standings   standings reads against a hello-world baseline, 304s, read cost at 1,000 and
#                              201,000 initiatives, freshness from a submission's 201 to its count
# The stack runs with its own data folder (benchmarks/target/stack-data), deleted before each run. Run it on an
# otherwise idle machine: the load generator shares its cores with the system under test.
set -euo pipefail
cd "$(dirname "$0")"
suite="${1:-org-units}"

./mvnw -B -q -DskipTests package
export SANGKIEN_DATA_DIR=benchmarks/target/stack-data
rm -rf "$SANGKIEN_DATA_DIR"
touch local-stack/target/local-stack.built
./run-local.sh > benchmarks/target/stack.log 2>&1 &
stack=$!
hello=
cleanup() {
  [ -n "$hello" ] && kill -TERM "$hello" 2>/dev/null
  kill -TERM "$stack" 2>/dev/null
  wait 2>/dev/null || true
}
trap cleanup EXIT
if [ "$suite" = standings ]; then
  java -Xmx256m -jar benchmarks/hello/target/quarkus-app/quarkus-run.jar > benchmarks/target/hello.log 2>&1 &
  hello=$!
fi
for _ in $(seq 1 180); do
  grep -q "All services ready" benchmarks/target/stack.log 2>/dev/null && break
  if ! kill -0 $stack 2>/dev/null; then cat benchmarks/target/stack.log; exit 1; fi
  sleep 1
done
grep -q "All services ready" benchmarks/target/stack.log || { cat benchmarks/target/stack.log; exit 1; }

java -jar benchmarks/target/benchmarks-1.0.0-SNAPSHOT.jar "$suite" "benchmarks/target/report-$suite.md"
