#!/usr/bin/env bash
# Throughput of the public pages against a static file server, and a load
# test with many connections; a documented benchmark, not part of the test
# suite. Needs Debian's wrk and nginx (apt-get install wrk nginx-light).
#
#   ./scripts/load-test.sh                 # SQLite, one server process
#   DB=postgres ./scripts/load-test.sh     # PostgreSQL, two server processes behind nginx
#
# Part 1 (16 connections, SECONDS_EACH=10 per page): nginx serving a 30 KB
# file is the baseline; every page's requests/s is printed as a ratio to it,
# measured in the same run on the same machine (client and servers share it).
# Part 2 (LOAD_CONNECTIONS=200 for LOAD_SECONDS=60): a mix of public pages,
# search, the idea map and logged-in pages; requests/s, latency percentiles,
# errors and the server processes' peak memory, with the static baseline
# measured again under the same load.
set -euo pipefail
cd "$(dirname "$0")/.."

for tool in wrk nginx curl; do
  command -v "$tool" >/dev/null || { echo "needs $tool (apt-get install wrk nginx-light curl)" >&2; exit 1; }
done
cargo build --quiet --release --bin lernregion
bin="${CARGO_TARGET_DIR:-target}/release/lernregion"
dir=$(mktemp -d /tmp/lernregion-load.XXXXXX)
pids=()
cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  [[ -f "$dir/nginx.pid" ]] && kill "$(cat "$dir/nginx.pid")" 2>/dev/null || true
  if [[ -n "${pgdb:-}" ]]; then psql -q "$pgadmin" -c "DROP DATABASE IF EXISTS $pgdb" >/dev/null 2>&1 || true; fi
  rm -rf "$dir"
}
trap cleanup EXIT
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
export LERNREGION_LOG_FORMAT=json RUST_LOG=warn
# Every process behind one address must sign CSRF tokens with the same key,
# or a form loaded from one is refused by the other.
LERNREGION_SECRET_KEY=$(head -c 32 /dev/urandom | od -An -tx1 | tr -d ' \n')
export LERNREGION_SECRET_KEY

if [[ "${DB:-sqlite}" == postgres ]]; then
  pgadmin="${LERNREGION_TEST_POSTGRES_URL:-postgres://postgres@127.0.0.1:5432/postgres}"
  pgdb="lernregion_load_$$"
  psql -q "$pgadmin" -c "CREATE DATABASE $pgdb" >/dev/null
  url="${pgadmin%/*}/$pgdb"
  processes=2
else
  url="sqlite://$dir/load.db"
  processes=1
fi
"$bin" --database-url "$url" demo load >/dev/null

ports=()
for _ in $(seq 1 "$processes"); do
  port=$(free_port)
  "$bin" --database-url "$url" serve --bind "127.0.0.1:$port" >>"$dir/server.log" 2>&1 &
  pids+=($!)
  ports+=("$port")
done
for port in "${ports[@]}"; do
  for _ in $(seq 1 240); do
    curl -fs "http://127.0.0.1:$port/readyz" >/dev/null 2>&1 && break
    sleep 0.5
  done
done

# nginx: the static baseline (a 30 KB file) and, with two processes, the
# load balancer in front of them.
head -c 30720 /dev/urandom | base64 -w 100 | head -c 30720 >"$dir/static.txt"
static_port=$(free_port)
front_port=$(free_port)
upstream=""
for port in "${ports[@]}"; do upstream+="server 127.0.0.1:$port; "; done
cat >"$dir/nginx.conf" <<EOF
worker_processes auto;
pid $dir/nginx.pid;
error_log $dir/nginx-error.log;
events { worker_connections 4096; }
http {
  access_log off;
  client_body_temp_path $dir; proxy_temp_path $dir; fastcgi_temp_path $dir; uwsgi_temp_path $dir; scgi_temp_path $dir;
  server { listen 127.0.0.1:$static_port; root $dir; }
  upstream lernregion { $upstream keepalive 64; }
  server {
    listen 127.0.0.1:$front_port;
    location / { proxy_pass http://lernregion; proxy_http_version 1.1; proxy_set_header Connection ""; proxy_set_header Host \$host; }
  }
}
EOF
nginx -c "$dir/nginx.conf" -p "$dir"
if [[ "$processes" -gt 1 ]]; then
  target="http://127.0.0.1:$front_port"
else
  target="http://127.0.0.1:${ports[0]}"
fi

org=$(curl -fs "$target/api/v1/networks/nordthueringen/organizations" | python3 -c 'import json,sys; print(json.load(sys.stdin)[0]["id"])')
asset=$(curl -fs "$target/" | grep -o '/static/[^"]*\.css' | head -1)
pages=(
  "/" "/n/nordthueringen" "/n/nordthueringen/partner" "/n/nordthueringen/partner/$org"
  "/n/nordthueringen/kurse?q=Schwei%C3%9Fen" "/n/nordthueringen/ideen"
  "/api/v1/networks/nordthueringen/offerings?q=Roboter" "/api/v1/networks/nordthueringen/ideas/map"
  "$asset"
)

rps() { # url seconds connections -> requests/s; answers other than 2xx/3xx are reported
  out=$(wrk -t2 -c"$3" -d"$2s" --latency "$1" 2>&1)
  bad=$(awk '/Non-2xx or 3xx responses/ {print $NF}' <<<"$out")
  [[ -n "$bad" ]] && echo "  $1: $bad answers were not 2xx/3xx" >&2
  awk '/Requests\/sec/ {print $2}' <<<"$out"
}
each="${SECONDS_EACH:-10}"
echo "== part 1: 16 connections, ${each} s each, $processes server process(es) on ${DB:-sqlite}"
base=$(rps "http://127.0.0.1:$static_port/static.txt" "$each" 16)
printf '%-60s %10s req/s\n' "nginx, static 30 KB file (baseline)" "$base"
for p in "${pages[@]}"; do
  r=$(rps "$target$p" "$each" 16)
  printf '%-60s %10s req/s  %5.3f x\n' "$p" "$r" "$(python3 -c "print($r / $base)")"
done

# Part 2: the mix, with a logged-in session for a quarter of the requests.
jar="$dir/cookies"
csrf=$(curl -fs -c "$jar" "$target/konto/anmelden" | grep -o 'name="_csrf" value="[^"]*"' | head -1 | sed 's/.*value="//; s/"$//')
curl -fs -b "$jar" -c "$jar" -o /dev/null --data-urlencode "email=personal@gothaer-fahrzeugtechnik.example" \
  --data-urlencode "password=lernregion-demo" --data-urlencode "_csrf=$csrf" "$target/konto/anmelden"
session=$(awk '$6 == "lr_session" {print $7}' "$jar")
company=$(curl -fs "$target/api/v1/networks/nordthueringen/organizations?kind=company" | python3 -c 'import json,sys; print([o["id"] for o in json.load(sys.stdin) if "Gothaer" in o["name"]][0])')
cat >"$dir/mix.lua" <<EOF
local public = {}
for _, p in ipairs({$(printf '"%s",' "${pages[@]}")}) do table.insert(public, p) end
local private = {"/konto/sicherheit", "/organisationen/$company/kompetenzbedarf", "/n/nordthueringen/ideen"}
local errors = 0
request = function()
  if math.random(4) == 1 then
    return wrk.format("GET", private[math.random(#private)], {["Cookie"] = "lr_session=$session"})
  end
  return wrk.format("GET", public[math.random(#public)])
end
response = function(status)
  if status >= 400 then errors = errors + 1 end
end
done = function(summary, latency, requests)
  io.write(string.format("requests/s %.0f, p50 %.1f ms, p99 %.1f ms, max %.1f ms, errors: %d HTTP >= 400, %d socket\n",
    summary.requests / (summary.duration / 1e6), latency:percentile(50) / 1000, latency:percentile(99) / 1000,
    latency.max / 1000, errors, summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout))
end
EOF
conns="${LOAD_CONNECTIONS:-200}"
secs="${LOAD_SECONDS:-60}"
echo "== part 2: $conns connections for $secs s, mixed (a quarter logged in)"
wrk -t2 -c"$conns" -d"${secs}s" --timeout 10s -s "$dir/mix.lua" "$target/" 2>&1 | tail -1
base=$(rps "http://127.0.0.1:$static_port/static.txt" 10 "$conns")
echo "baseline, nginx static file at $conns connections: $base req/s"
for p in "${pids[@]}"; do
  echo "server process $p: peak resident $(awk '/VmHWM/ {printf "%.0f MiB", $2 / 1024}' "/proc/$p/status")"
done
if grep '"level":"ERROR"' "$dir/server.log" | grep -vq "503 Service Unavailable"; then
  echo "the server logged errors:"; grep '"level":"ERROR"' "$dir/server.log" | head -5
fi
