#!/usr/bin/env bash
# Runs the whole system on this machine: PostgreSQL, Kafka and the three services.
# Builds what is missing or out of date first. Ctrl-C (or SIGTERM) stops everything it started.
set -euo pipefail
cd "$(dirname "$0")"

jars=(local-stack/target/local-stack-1.0.0-SNAPSHOT.jar
      org-unit-service/target/quarkus-app/quarkus-run.jar
      submission-service/target/quarkus-app/quarkus-run.jar
      ranking-service/target/quarkus-app/quarkus-run.jar)

stamp=local-stack/target/local-stack.built
needs_build=false
for jar in "${jars[@]}"; do
  [ -f "$jar" ] || needs_build=true
done
if [ ! -f "$stamp" ] || [ -n "$(find pom.xml ./*/pom.xml ./*/src/main -newer "$stamp" -type f -print -quit)" ]; then
  needs_build=true
fi

if [ "$needs_build" = true ] || [ "${1:-}" = "--rebuild" ]; then
  echo "[local-stack] Building (tests skipped; run them with ./mvnw verify)..."
  ./mvnw -B -q -DskipTests package
  touch "$stamp"
fi

exec java ${LOCAL_STACK_JAVA_OPTS:-} -jar local-stack/target/local-stack-1.0.0-SNAPSHOT.jar
