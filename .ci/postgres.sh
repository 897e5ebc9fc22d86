# Sourced by .ci/run: a throwaway PostgreSQL server for the state-store tests (tests/state).
#
# Installs Debian's postgresql package only when the machine has no PostgreSQL server
# (and we are root with apt-get), initialises a cluster in a temporary directory,
# starts it on a Unix socket only (no TCP port to collide with), and exports
# CHARGEBOT_TEST_POSTGRES_URL. Without PostgreSQL the state tests run on SQLite only.

ci_pg_dir=""
ci_pg_ctl=""

ci_postgres_bindir() {
  ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1
}

ci_postgres_start() {
  local bindir started
  bindir="$(ci_postgres_bindir)"
  if [ -z "$bindir" ] || [ ! -x "$bindir/initdb" ]; then
    if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
      started=$(date +%s)
      echo "installing PostgreSQL from Debian's packages..."
      apt-get update -qq
      DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
        postgresql >/dev/null
      echo "PostgreSQL installed in $(($(date +%s) - started)) s"
      bindir="$(ci_postgres_bindir)"
    fi
  fi
  if [ -z "$bindir" ] || [ ! -x "$bindir/initdb" ]; then
    echo "PostgreSQL is not available: state tests run on SQLite only"
    return 0
  fi

  started=$(date +%s)
  ci_pg_dir="$(mktemp -d /tmp/chargebot-ci-pg.XXXXXX)"
  ci_pg_ctl="$bindir/pg_ctl"
  # The server refuses to run as root: run it as the postgres user the package created.
  local as=()
  if [ "$(id -u)" = 0 ]; then
    if ! id postgres >/dev/null 2>&1; then
      echo "no postgres user to run the server as: state tests run on SQLite only"
      return 0
    fi
    chown postgres "$ci_pg_dir"
    as=(runuser -u postgres --)
  fi
  if ! "${as[@]}" "$bindir/initdb" -D "$ci_pg_dir/data" -U postgres -A trust --no-sync \
    >"$ci_pg_dir/initdb.log" 2>&1 \
    || ! "${as[@]}" "$ci_pg_ctl" -D "$ci_pg_dir/data" -l "$ci_pg_dir/server.log" -w -s \
      -o "-k $ci_pg_dir -c listen_addresses='' -c fsync=off -c full_page_writes=off" start; then
    echo "PostgreSQL did not start (state tests run on SQLite only):"
    tail -n 20 "$ci_pg_dir"/*.log || true
    return 0
  fi
  chmod 755 "$ci_pg_dir"
  export CHARGEBOT_TEST_POSTGRES_URL="postgresql+psycopg://postgres@/postgres?host=$ci_pg_dir"
  echo "PostgreSQL $("$bindir/postgres" --version | awk '{print $3}') started in $(($(date +%s) - started)) s"
}

ci_postgres_stop() {
  if [ -n "$ci_pg_dir" ] && [ -d "$ci_pg_dir/data" ]; then
    if [ "$(id -u)" = 0 ]; then
      runuser -u postgres -- "$ci_pg_ctl" -D "$ci_pg_dir/data" -m fast -w -s stop || true
    else
      "$ci_pg_ctl" -D "$ci_pg_dir/data" -m fast -w -s stop || true
    fi
    rm -rf "$ci_pg_dir"
  fi
}
