#!/usr/bin/env bash
# Runs CommandCenter from the packaged jar, against the built-in site simulator unless real cloud
# accounts are configured. Builds the jar when the sources are newer, extracts it once and makes a
# class data sharing archive for it (a training start that stops after the context is up): the JVM
# then maps the ~17,000 classes it needs instead of loading them from nested jars, which roughly
# halves start-up (docs/benchmarks.md, "Start-up"). Arguments go to the application.
set -euo pipefail
cd "$(dirname "$0")/.."

jar=target/commandcenter-0.1.0-SNAPSHOT.jar
app=target/app
if [ ! -f "$jar" ] || [ -n "$(find pom.xml src/main -newer "$jar" -print -quit)" ]; then
    mvn -B -ntp -q -DskipTests package
fi
if [ ! -f "$app/app.jsa" ] || [ "$jar" -nt "$app/app.jsa" ]; then
    rm -rf "$app"
    java -Djarmode=tools -jar "$jar" extract --destination "$app" >/dev/null
    echo "Making the class data sharing archive (once per build)..."
    if ! java -XX:ArchiveClassesAtExit="$app/app.jsa" -Dspring.context.exit=onRefresh \
            -jar "$app/$(basename "$jar")" >"$app/training.log" 2>&1; then
        # Without the archive it starts all the same, only slower; the log says why.
        echo "No archive made (see $app/training.log); starting without it." >&2
        rm -f "$app/app.jsa"
    fi
fi
share=()
[ -f "$app/app.jsa" ] && share=(-XX:SharedArchiveFile="$app/app.jsa")
exec java "${share[@]}" -jar "$app/$(basename "$jar")" "$@"
