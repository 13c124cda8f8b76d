#!/usr/bin/env bash
# Start-up benchmark: seconds from `java -jar` to /actuator/health answering UP, with a cold rule
# cache (emptied before the start) and a warm one (left by the cold start before it), RUNS times
# each, alternating, then the medians. See docs/benchmarks.md ("Start-up").
#
# Needs PostgreSQL on 127.0.0.1:5432 (trust auth, as in README.md); uses its own database (created
# on first start) and its own cache folder, and runs the jar from the repository root, so it reads
# rules/ from disk like a checkout does. An unmeasured first start creates and migrates the
# database and warms the OS file cache.
#
# --cds measures the same jar extracted (java -Djarmode=tools ... extract) and started with a class
# data sharing archive from a training run, the JVM's own start-up cache; options after -- go to
# every measured java (for example -- -XX:TieredStopAtLevel=1).
set -euo pipefail

runs=5
port=18080
db=cc_startup
jar=target/commandcenter-0.1.0-SNAPSHOT.jar
build=1
cds=0
java_opts=()

usage() {
    echo "usage: $0 [-n RUNS] [--port PORT] [--db NAME] [--jar PATH] [--no-build] [--cds] [-- JAVA_OPTION...]" >&2
    exit 2
}

while [ $# -gt 0 ]; do
    case "$1" in
        -n) runs="$2"; shift 2 ;;
        --port) port="$2"; shift 2 ;;
        --db) db="$2"; shift 2 ;;
        --jar) jar="$2"; shift 2 ;;
        --no-build) build=0; shift ;;
        --cds) cds=1; shift ;;
        --) shift; java_opts=("$@"); break ;;
        *) usage ;;
    esac
done

cd "$(dirname "$0")/.."
if [ "$build" = 1 ]; then
    mvn -B -ntp -q -DskipTests package
fi
[ -f "$jar" ] || { echo "no jar at $jar" >&2; exit 1; }

work=$(mktemp -d)
cache="$work/rule-cache"
pid=
cleanup() {
    if [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null; then
        kill "$pid" 2>/dev/null || true
        wait "$pid" 2>/dev/null || true
    fi
    rm -rf "$work"
}
trap cleanup EXIT

export COMMANDCENTER_DB_URL="jdbc:postgresql://127.0.0.1:5432/$db"
export COMMANDCENTER_RULES_CACHE_DIR="$cache"
export COMMANDCENTER_ADMIN_USER=admin
export COMMANDCENTER_ADMIN_PASSWORD=bench-startup-password
# A throwaway secrets key, so no key file is written to the home directory.
COMMANDCENTER_SECRETS_KEY=$(head -c 32 /dev/urandom | base64)
export COMMANDCENTER_SECRETS_KEY
export PORT="$port"

# One start: prints the seconds from launch to health UP; stops the server afterwards.
start_once() {
    local log="$1" started now status
    started=$EPOCHREALTIME
    java "${java_opts[@]}" -jar "$jar" >"$log" 2>&1 &
    pid=$!
    while :; do
        status=$(curl -s --max-time 1 "http://127.0.0.1:$port/actuator/health" || true)
        if [[ "$status" == *'"status":"UP"'* ]]; then
            now=$EPOCHREALTIME
            break
        fi
        if ! kill -0 "$pid" 2>/dev/null; then
            echo "the server stopped before it was UP; its log:" >&2
            tail -40 "$log" >&2
            exit 1
        fi
        if (( ${EPOCHREALTIME%.*} - ${started%.*} > 180 )); then
            echo "not UP after 180 s (last answer: $status)" >&2
            exit 1
        fi
        sleep 0.05
    done
    kill "$pid"
    wait "$pid" 2>/dev/null || true
    pid=
    echo "$now - $started" | bc -l | xargs printf '%.2f\n'
}

# What the log says: JVM start to Spring's first line, Spring's own count, and the rules' share.
detail() {
    local started running rules
    started=$(grep -oE 'Started CommandCenterApplication in [0-9.]+' "$1" | grep -oE '[0-9.]+$' || echo 0)
    running=$(grep -oE 'process running for [0-9.]+' "$1" | grep -oE '[0-9.]+$' || echo 0)
    rules=$(grep -oE '(Loaded the compiled rules|Compiled the rules) [0-9a-f]+ (from [^ ]+ )?in [0-9]+ ms' "$1" \
        | sed -E 's/ [0-9a-f]{12}//; s/ from [^ ]+//; s/the compiled rules/compiled rules/' | paste -sd ';' - || true)
    printf 'JVM to Spring %.1f s, Spring to started %.1f s, %s\n' "$(echo "$running - $started" | bc -l)" "$started" \
        "${rules:-rules compiled (no cache line)}"
}

median() {
    sort -n | awk '{ v[NR] = $1 } END { if (NR % 2) print v[(NR + 1) / 2]; else printf "%.2f\n", (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}

if [ "$cds" = 1 ]; then
    java -Djarmode=tools -jar "$jar" extract --destination "$work/app" >/dev/null
    jar="$work/app/$(basename "$jar")"
fi

echo "jar: $jar ($(date -r "$jar" '+%F %T')), database: $db, port: $port, cores: $(nproc), load: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "warming up (creates and migrates the database on the first run)..."
start_once "$work/warmup.log" >/dev/null
if [ "$cds" = 1 ]; then
    echo "training run for the class data sharing archive..."
    java -XX:ArchiveClassesAtExit="$work/app.jsa" -Dspring.context.exit=onRefresh -jar "$jar" >"$work/training.log" 2>&1
    java_opts=(-XX:SharedArchiveFile="$work/app.jsa" "${java_opts[@]}")
fi
echo "java ${java_opts[*]} -jar $jar"

cold=()
warm=()
for i in $(seq 1 "$runs"); do
    rm -rf "$cache"
    c=$(start_once "$work/cold-$i.log")
    cold+=("$c")
    echo "run $i cold: $c s to UP   ($(detail "$work/cold-$i.log"))"
    w=$(start_once "$work/warm-$i.log")
    warm+=("$w")
    echo "run $i warm: $w s to UP   ($(detail "$work/warm-$i.log"))"
done

echo "median of $runs: cold $(printf '%s\n' "${cold[@]}" | median) s, warm $(printf '%s\n' "${warm[@]}" | median) s" \
    "(load now: $(cut -d' ' -f1-3 /proc/loadavg))"
