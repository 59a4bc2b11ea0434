# shellcheck shell=bash
# Shared by bench/streaming and bench/throughput (sourced, not run): options, the release
# build, `sluice dev` on the benchmark data set, psql through the embedded cluster's socket, and
# the cleanup that stops everything on exit.

shopt -s inherit_errexit  # a failure inside $(...) fails the script too

repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$repo" || exit
invocation="bench/$(basename "$0")${*:+ $*}"
# Before anything starts: during a run the benchmark's own processes raise it.
load_before=$(cut -d' ' -f1-3 /proc/loadavg)

rows=1000000
runs=3
port=18470
build_dir=""
sluice_flags=()
sluice_launcher=()  # a command the server runs under (valgrind ...), if any

# The cluster's superuser and port, fixed by devdb (include/sluice/devdb/cluster.hpp). As root
# PostgreSQL runs as the system user sluice-pg; psql and pgbench connect as root through the
# socket with trust authentication, so they run as whoever runs the script.
pg_user=sluice
pg_port=5432
pg_database=sluice

common_usage="  --rows N        users in the data set (default $rows)
  --runs N        repetitions; figures are medians (default $runs)
  --port N        Sluice listens on 127.0.0.1:N (default $port)
  --build-dir DIR use an already configured build directory instead of the release preset
  -h, --help      this text"

# Parses the options both scripts take; `extra_option NAME VALUE` (defined by the script)
# handles the others and returns non-zero for an unknown one.
parse_options() {
  while (($#)); do
    case "$1" in -h | --help) usage; exit 0 ;; esac
    (($# >= 2)) || { usage >&2; exit 2; }
    case "$1" in
      --rows) rows=$2 ;;
      --runs) runs=$2 ;;
      --port) port=$2 ;;
      --build-dir) build_dir=$2 ;;
      *) if ! extra_option "$1" "$2"; then usage >&2; exit 2; fi ;;
    esac
    shift 2
  done
  [[ "$rows" =~ ^[1-9][0-9]*$ && "$runs" =~ ^[1-9][0-9]*$ ]] || { usage >&2; exit 2; }
}

work=$(mktemp -d /tmp/sluice-bench-XXXXXX)
sluice_pid=""
other_pids=()

cleanup() {
  local pid
  for pid in "${other_pids[@]}" $sluice_pid; do
    kill -TERM "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
  done
  rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

log() { echo "[$(date +%H:%M:%S)] $*" >&2; }
die() { log "error: $*"; exit 1; }

build_sluice() {
  if [ -z "$build_dir" ]; then
    log "building build/release/sluice (release preset)"
    cmake --preset release >&2
    cmake --build --preset release --target sluice >&2
    build_dir=build/release
  else
    log "building $build_dir/sluice"
    cmake --build "$build_dir" --target sluice >&2
  fi
  sluice="$repo/$build_dir/sluice"
  [[ "$build_dir" = /* ]] && sluice="$build_dir/sluice"
  grep -q '^CMAKE_BUILD_TYPE:STRING=Release$' "$(dirname "$sluice")/CMakeCache.txt" ||
    log "warning: $build_dir is not a Release build; its figures mean little"
}

# Starts `sluice dev` on the data set of $rows users (in .sluice/bench/, one directory per row
# count and version of schema.sql, reused by later runs) with $sluice_flags; sets sluice_pid,
# data_dir and socket_dir and waits until it answers.
start_sluice() {
  local version listen="127.0.0.1:$port"
  version=$(sha1sum bench/schema.sql | cut -c1-12)
  data_dir="$repo/.sluice/bench/users-$rows-$version"
  ! curl -s -o /dev/null "http://$listen/" || die "something already listens on $listen; use --port"
  local load=()
  if [ ! -d "$data_dir" ]; then
    echo "SELECT bench_fill_users($rows);" >"$work/fill.sql"
    load=(--sql bench/schema.sql --sql "$work/fill.sql")
    log "generating $rows users in $data_dir (once; later runs reuse it)"
  fi
  mkdir -p "$(dirname "$data_dir")"
  # A simple command run in the background: $! is the sluice process itself, not a subshell.
  "${sluice_launcher[@]}" "$sluice" dev --data-dir "$data_dir" --schema bench/schema.graphql \
    --listen "$listen" "${load[@]}" "${sluice_flags[@]}" >"$work/sluice.log" 2>&1 &
  sluice_pid=$!
  local deadline=$((SECONDS + 900))
  until curl -fsS -o /dev/null "http://$listen/healthz" 2>/dev/null; do
    kill -0 "$sluice_pid" 2>/dev/null || { cat "$work/sluice.log" >&2; die "sluice dev exited"; }
    ((SECONDS < deadline)) || die "sluice dev did not answer within 15 minutes"
    sleep 0.2
  done
  ((${#sluice_launcher[@]} > 0)) || [ "$(readlink "/proc/$sluice_pid/exe")" = "$(readlink -f "$sluice")" ] ||
    die "pid $sluice_pid is not the sluice executable"
  # Logged before the server starts listening: event=embedded_postgres ... socket_dir=DIR
  socket_dir=$(sed -n 's/.*event=embedded_postgres .*socket_dir=\([^ ]*\).*/\1/p' \
    "$work/sluice.log")
  [ -S "$socket_dir/.s.PGSQL.$pg_port" ] || die "no PostgreSQL socket found in '$socket_dir'"
  # Hint bits and the visibility map set once, so the first timed scan does not write pages.
  psql_sluice -c "VACUUM (FREEZE, ANALYZE) tb_user, tv_user" >/dev/null
  local count
  count=$(psql_sluice -Atc "SELECT count(*) FROM tv_user")
  [ "$count" = "$rows" ] || die "tv_user holds $count rows, expected $rows; delete $data_dir"
  log "sluice pid $sluice_pid on http://$listen/graphql, PostgreSQL socket $socket_dir"
}

psql_sluice() {
  psql -X -q -v ON_ERROR_STOP=1 -h "$socket_dir" -p "$pg_port" -U "$pg_user" -d "$pg_database" "$@"
}

# A GraphQL-over-HTTP request body for the operation in a .graphql file.
json_body() {
  node -e 'const fs = require("fs");
    process.stdout.write(JSON.stringify({query: fs.readFileSync(process.argv[1], "utf8")}))' "$1"
}

# The median of the numbers on stdin (one per line).
median() {
  sort -g | awk '{ v[NR] = $1 }
    END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}

# Prints a / b with the given number of decimals.
ratio() { awk -v a="$1" -v b="$2" -v d="${3:-2}" 'BEGIN { printf "%.*f", d, a / b }'; }

# Bytes over seconds in MB/s (10^6 bytes).
mb_per_s() { awk -v n="$1" -v t="$2" 'BEGIN { printf "%.0f", n / t / 1e6 }'; }

# Verdicts: "yes" when a >= b (at_least) or a < b (below), else "NO"; ratio_at_least a b goal
# judges a / b itself, not its rounded display.
at_least() { awk -v a="$1" -v b="$2" 'BEGIN { print (a >= b) ? "yes" : "NO" }'; }
ratio_at_least() { awk -v a="$1" -v b="$2" -v g="$3" 'BEGIN { print (a / b >= g) ? "yes" : "NO" }'; }
below() { awk -v a="$1" -v b="$2" 'BEGIN { print (a < b) ? "yes" : "NO" }'; }

machine_summary() {
  local cpu source commit
  cpu=$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')
  source=$(sed -n 's/^CMAKE_HOME_DIRECTORY:INTERNAL=//p' "$(dirname "$sluice")/CMakeCache.txt")
  commit=$(git -C "$source" describe --always --dirty 2>/dev/null || echo "not a git checkout")
  echo "machine: $(nproc) cores ($cpu), load average $load_before before the run;" \
    "PostgreSQL $(psql_sluice -Atc 'SHOW server_version' | cut -d' ' -f1);" \
    "sluice built from $source ($commit)"
}

# CPU seconds used so far (user + system): by one process, and by PostgreSQL (the postmaster,
# its live children, and the children that exited: pgbench's connections end with each run).
ticks_per_second=$(getconf CLK_TCK)
cpu_of() { awk -v hz="$ticks_per_second" '{ print ($14 + $15) / hz }' "/proc/$1/stat"; }
postgres_cpu() {
  local postmaster child total
  postmaster=$(head -n1 "$data_dir/postmaster.pid")
  total=$(awk -v hz="$ticks_per_second" '{ print ($14 + $15 + $16 + $17) / hz }' \
    "/proc/$postmaster/stat")
  for child in $(pgrep -P "$postmaster"); do
    total=$(awk -v t="$total" -v hz="$ticks_per_second" '{ print t + ($14 + $15) / hz }' \
      "/proc/$child/stat" 2>/dev/null || echo "$total")
  done
  echo "$total"
}

# Runs a load generator; its CPU seconds go to $work/client.cpu (bash's `time`: user + system).
timed_client() {
  local TIMEFORMAT='%U %S'
  { time "$@" 2>&3; } 3>&2 2>"$work/client.times"  # the command's own stderr stays stderr
  awk '{ print $1 + $2 }' "$work/client.times" >"$work/client.cpu"
}
run_wrk() {  # seconds url lua-script [script arguments] -> "requests/s requests"
  local seconds=$1 url=$2 script=$3
  shift 3
  timed_client wrk -c "$connections" -t 2 -d "${seconds}s" -s "$script" "$url" -- "$@" \
    >"$work/wrk.out"
  ! grep -E 'Non-2xx|Socket errors' "$work/wrk.out" >&2 || die "errors under load: $url"
  awk '/^Requests\/sec:/ { rate = $2 } / requests in / { n = $1 } END { print rate, n }' \
    "$work/wrk.out"
}
run_pgbench() {  # script seconds -> "transactions/s transactions"
  timed_client pgbench -n -h "$socket_dir" -p "$pg_port" -U "$pg_user" -M prepared \
    -c "$connections" -j 2 -T "$2" -f "$1" "$pg_database" >"$work/pgbench.out" 2>&1 ||
    { cat "$work/pgbench.out" >&2; die "pgbench failed"; }
  ! grep -E 'number of failed transactions: [1-9]' "$work/pgbench.out" >&2 ||
    die "pgbench: failed transactions"
  grep -qE '^number of transactions actually processed: [1-9]' "$work/pgbench.out" ||
    { cat "$work/pgbench.out" >&2; die "pgbench processed no transaction"; }
  awk '/^tps = / { rate = $3 } /^number of transactions actually processed: / { n = $6 }
    END { print rate, n }' "$work/pgbench.out"
}

# Measures one target "server:relation" for some seconds through the script's
# `run_target server relation seconds`; server_pid[server] is the server's process (none for
# pgbench). Prints "per-second PostgreSQL server load-generator", the last three in CPU µs per
# request.
measure() {
  local relation=${1#*:} server=${1%%:*} outcome db0 db1 s0=0 s1=0
  db0=$(postgres_cpu)
  [ "$server" = pgbench ] || s0=$(cpu_of "${server_pid[$server]}")
  outcome=$(run_target "$server" "$relation" "$2")
  sleep 0.5  # pgbench's backends exit and are reaped
  db1=$(postgres_cpu)
  [ "$server" = pgbench ] || s1=$(cpu_of "${server_pid[$server]}")
  echo "$outcome" | awk -v db="$db0 $db1" -v s="$s0 $s1" -v c="$(cat "$work/client.cpu")" '{
    split(db, d, " "); split(s, v, " "); n = $2
    printf "%s %.1f %.1f %.1f\n", $1, (d[2] - d[1]) * 1e6 / n, (v[2] - v[1]) * 1e6 / n, c * 1e6 / n
  }'
}
