# Sourced by .ci/run: a throwaway Redis server for the multi-instance tests.
#
# Installs Debian's redis-server package only when the machine has none (and we are
# root with apt-get), starts it on a Unix socket only (port 0: no TCP port to collide
# with), with no persistence, and exports CHARGEBOT_TEST_REDIS_URL. Without Redis the
# tests that need it are skipped, saying why.

ci_redis_dir=""

ci_redis_start() {
  local started
  if ! command -v redis-server >/dev/null; then
    if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
      started=$(date +%s)
      echo "installing Redis from Debian's packages..."
      apt-get update -qq
      DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
        redis-server >/dev/null
      echo "Redis installed in $(($(date +%s) - started)) s"
    fi
  fi
  if ! command -v redis-server >/dev/null; then
    echo "Redis is not available: the multi-instance tests are skipped"
    return 0
  fi
  ci_redis_dir="$(mktemp -d /tmp/chargebot-ci-redis.XXXXXX)"
  if ! redis-server --port 0 --unixsocket "$ci_redis_dir/redis.sock" --unixsocketperm 700 \
      --save "" --appendonly no --daemonize yes --pidfile "$ci_redis_dir/redis.pid" \
      --logfile "$ci_redis_dir/redis.log" --dir "$ci_redis_dir"; then
    echo "Redis did not start (the multi-instance tests are skipped)"
    return 0
  fi
  local tries=0
  while [ ! -S "$ci_redis_dir/redis.sock" ] && [ $tries -lt 50 ]; do
    sleep 0.1
    tries=$((tries + 1))
  done
  if [ ! -S "$ci_redis_dir/redis.sock" ]; then
    echo "Redis did not open its socket (the multi-instance tests are skipped):"
    tail -n 20 "$ci_redis_dir/redis.log" || true
    return 0
  fi
  export CHARGEBOT_TEST_REDIS_URL="unix://$ci_redis_dir/redis.sock"
  echo "Redis $(redis-server --version | awk '{print $3}') started on $ci_redis_dir/redis.sock"
}

ci_redis_stop() {
  if [ -n "$ci_redis_dir" ] && [ -f "$ci_redis_dir/redis.pid" ]; then
    kill "$(cat "$ci_redis_dir/redis.pid")" 2>/dev/null || true
    sleep 0.2
  fi
  if [ -n "$ci_redis_dir" ]; then
    rm -rf "$ci_redis_dir"
  fi
}
