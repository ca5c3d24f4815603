#!/usr/bin/env bash
# Prints a development token: ./dev-token.sh ROLE [UNIT] [SUBJECT] [HOURS]
# Accepted by the local stack and the tests only; the prod profile refuses the development key.
set -euo pipefail
cd "$(dirname "$0")"
jar=local-stack/target/local-stack-1.0.0-SNAPSHOT.jar
[ -f "$jar" ] || ./mvnw -B -q -DskipTests package -pl local-stack -am
exec java -cp "$jar:local-stack/target/lib/*" vn.congdoan.sangkien.localstack.DevTokens "$@"
