# Sourced by check-packages.sh and check-image.sh: start a Gatehouse command on a loopback port,
# probe it as a user and a health check would, stop it with SIGTERM and see that it stops.

free_port() {
  node -e '
const s = require("node:net").createServer()
s.listen(0, "127.0.0.1", () => { console.log(s.address().port); s.close() })'
}

# serve_start LOG PORT CMD...: CMD in a session of its own, so the stop can signal every process
# of it (npx does not pass SIGTERM on to the command it runs); returns once /healthz answers.
serve_start() {
  local log=$1 port=$2
  shift 2
  PORT=$port HOST=127.0.0.1 LOG_LEVEL=warn setsid "$@" >"$log" 2>&1 </dev/null &
  serve_pid=$!
  for _ in $(seq 1 150); do
    curl -fs --max-time 2 "http://127.0.0.1:$port/healthz" >/dev/null 2>&1 && return 0
    kill -0 "$serve_pid" 2>/dev/null || break
    sleep 0.2
  done
  echo "FAIL  no /healthz on port $port"
  cat "$log"
  return 1
}

# serve_probe PORT: what the README promises at the address: the API up, the Settings UI (its
# index.html and the script it names) and the OpenAPI document.
serve_probe() {
  local port=$1 base="http://127.0.0.1:$1" ok=0 html asset
  curl -fs --max-time 5 "$base/healthz" | grep -q '"ok"' || { echo 'FAIL  /healthz'; ok=1; }
  curl -fs --max-time 5 "$base/readyz" | grep -q '"ok"' || { echo 'FAIL  /readyz'; ok=1; }
  html=$(curl -fs --max-time 5 "$base/settings") || { echo 'FAIL  /settings did not answer 200'; ok=1; }
  asset=$(grep -o 'src="/assets/[^"]*\.js"' <<<"$html" | head -n 1 | cut -d'"' -f2)
  if [ -z "$asset" ]; then
    echo 'FAIL  /settings is not the built UI'
    echo "$html" | head -n 20
    ok=1
  elif ! curl -fs --max-time 5 "$base$asset" -o /dev/null; then
    echo "FAIL  $asset"
    ok=1
  fi
  curl -fs --max-time 5 "$base/openapi.json" | grep -q '"/v1/authorize"' \
    || { echo 'FAIL  /openapi.json'; ok=1; }
  [ "$ok" -eq 0 ] && echo "ok    /healthz, /readyz, /settings ($asset), /openapi.json"
  return "$ok"
}

# serve_stop LOG PORT: SIGTERM to the session; within 15 s every process of it is gone, the port
# is closed and Gatehouse said it stopped gracefully.
serve_stop() {
  local log=$1 port=$2 ok=0
  kill -TERM -- "-$serve_pid" 2>/dev/null || true
  for _ in $(seq 1 150); do
    kill -0 -- "-$serve_pid" 2>/dev/null || break
    sleep 0.1
  done
  if kill -0 -- "-$serve_pid" 2>/dev/null; then
    echo 'FAIL  still running 15 s after SIGTERM'
    kill -KILL -- "-$serve_pid" 2>/dev/null || true
    ok=1
  fi
  wait "$serve_pid" 2>/dev/null || true
  if curl -fs --max-time 2 "http://127.0.0.1:$port/healthz" >/dev/null 2>&1; then
    echo 'FAIL  still serving after SIGTERM'
    ok=1
  fi
  grep -q 'SIGTERM: finishing requests in flight' "$log" || { echo 'FAIL  no graceful stop'; ok=1; }
  [ "$ok" -eq 0 ] && echo 'ok    stopped on SIGTERM'
  [ "$ok" -eq 0 ] || cat "$log"
  return "$ok"
}
