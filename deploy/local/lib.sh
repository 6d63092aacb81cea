# Shared by ./run and ./test: install what this machine lacks and run a private PostgreSQL cluster.
# Sourced, not executed.

APT_UPDATED=""

log() { printf '==> %s\n' "$*" >&2; }

as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi
}

# ensure_debian_packages PACKAGE... — installs the packages that are missing (apt-get update once first).
ensure_debian_packages() {
  local missing=()
  for package in "$@"; do
    dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  log "Installing Debian packages: ${missing[*]}"
  if [ -z "$APT_UPDATED" ]; then as_root apt-get update -qq; APT_UPDATED=1; fi
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}

ensure_toolchain() {
  command -v dotnet >/dev/null || { echo "The .NET SDK (dotnet) is missing: this machine kind ships it; install .NET 10 SDK." >&2; exit 1; }
  command -v npm >/dev/null || ensure_debian_packages nodejs npm
  # fonts-dejavu-core: the fonts of the printed letters (Letters:Print:FontFolder).
  ensure_debian_packages postgresql curl fonts-dejavu-core
}

postgres_bin() {
  local bin
  bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)
  [ -n "$bin" ] || { echo "No PostgreSQL binaries under /usr/lib/postgresql" >&2; exit 1; }
  echo "$bin"
}

# Runs a PostgreSQL tool as the postgres user when we are root (initdb refuses root).
as_postgres() {
  if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

# start_private_postgres DIR PORT — creates the cluster in DIR if needed and starts it on 127.0.0.1:PORT.
start_private_postgres() {
  local dir=$1 port=$2 bin
  bin=$(postgres_bin)
  mkdir -p "$(dirname "$dir")"
  chmod o+x "$(dirname "$dir")"
  if [ "$(id -u)" -eq 0 ] && ! runuser -u postgres -- test -x "$(dirname "$dir")"; then
    echo "The postgres user cannot reach $(dirname "$dir"): a folder above it is closed to others (chmod o+x it)." >&2
    exit 1
  fi
  if [ ! -f "$dir/PG_VERSION" ]; then
    log "Creating a PostgreSQL cluster in $dir"
    mkdir -p "$dir"
    [ "$(id -u)" -eq 0 ] && chown postgres:postgres "$dir"
    chmod 700 "$dir"
    as_postgres "$bin/initdb" -D "$dir" -U postgres -A trust --no-sync -E UTF8 --locale=C.UTF-8 >/dev/null
  fi
  if as_postgres "$bin/pg_ctl" -D "$dir" status >/dev/null 2>&1; then
    log "PostgreSQL in $dir is already running"
    return 0
  fi
  # Tests run several hosts at once, each with its own connection pools (EF Core, the engine, Hangfire).
  # PRIVATE_POSTGRES_OPTIONS adds server settings (./test's throwaway cluster skips flushing to disk).
  log "Starting PostgreSQL on 127.0.0.1:$port"
  as_postgres "$bin/pg_ctl" -D "$dir" -l "$dir/server.log" -w -t 60 \
    -o "-p $port -k /tmp -c listen_addresses=127.0.0.1 -c max_connections=500 ${PRIVATE_POSTGRES_OPTIONS:-}" start >/dev/null
}

stop_private_postgres() {
  local dir=$1 bin
  bin=$(postgres_bin)
  [ -f "$dir/PG_VERSION" ] || return 0
  as_postgres "$bin/pg_ctl" -D "$dir" -m fast -w stop >/dev/null 2>&1 || true
}

# create_database PORT NAME — creates the database unless it exists.
create_database() {
  local port=$1 name=$2 bin
  bin=$(postgres_bin)
  if ! "$bin/psql" -h 127.0.0.1 -p "$port" -U postgres -tAc "SELECT 1 FROM pg_database WHERE datname = '$name'" | grep -q 1; then
    "$bin/psql" -h 127.0.0.1 -p "$port" -U postgres -qc "CREATE DATABASE \"$name\"" >/dev/null
  fi
}

# free_port START — the first port from START on that nothing on 127.0.0.1 answers. The projects' defaults sit below
# 32768, outside Linux's range of ephemeral ports, so no outgoing connection can be holding the port either.
free_port() {
  local port=$1
  while (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; do port=$((port + 1)); done
  echo "$port"
}

# ensure_database_roles PORT NAME — the host's two roles (README, "Database roles"): bekymring_owner owns the database
# and runs the migrations; bekymring_app, the host's everyday role, owns nothing and is granted what it needs by the
# host at start. The private cluster trusts loopback, so neither has a password here. Whatever an earlier ./run made
# as postgres passes to the owner, so a database from before the roles keeps working.
ensure_database_roles() {
  local port=$1 name=$2 bin
  bin=$(postgres_bin)
  "$bin/psql" -h 127.0.0.1 -p "$port" -U postgres -d "$name" -v ON_ERROR_STOP=1 -q >/dev/null <<SQL
DO \$\$
BEGIN
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'bekymring_owner') THEN
    CREATE ROLE bekymring_owner LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE;
  END IF;
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'bekymring_app') THEN
    CREATE ROLE bekymring_app LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOINHERIT;
  END IF;
END \$\$;
ALTER DATABASE "$name" OWNER TO bekymring_owner;
DO \$\$
DECLARE
  object record;
BEGIN
  FOR object IN SELECT nspname FROM pg_namespace
      WHERE nspowner = 'postgres'::regrole AND nspname NOT LIKE 'pg\_%' AND nspname NOT IN ('information_schema', 'public') LOOP
    EXECUTE format('ALTER SCHEMA %I OWNER TO bekymring_owner', object.nspname);
  END LOOP;
  -- Tables take their indexes and the sequences of their columns along; free-standing sequences follow.
  FOR object IN SELECT c.oid::regclass AS name, c.relkind FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE c.relowner = 'postgres'::regrole AND c.relkind IN ('r', 'p', 'v', 'm', 'f')
        AND n.nspname NOT LIKE 'pg\_%' AND n.nspname <> 'information_schema' LOOP
    EXECUTE format('ALTER %s %s OWNER TO bekymring_owner',
      CASE object.relkind WHEN 'v' THEN 'VIEW' WHEN 'm' THEN 'MATERIALIZED VIEW' WHEN 'f' THEN 'FOREIGN TABLE' ELSE 'TABLE' END, object.name);
  END LOOP;
  FOR object IN SELECT c.oid::regclass AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE c.relowner = 'postgres'::regrole AND c.relkind = 'S' AND n.nspname NOT LIKE 'pg\_%' AND n.nspname <> 'information_schema' LOOP
    EXECUTE format('ALTER SEQUENCE %s OWNER TO bekymring_owner', object.name);
  END LOOP;
  FOR object IN SELECT p.oid::regprocedure AS name FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
      WHERE p.proowner = 'postgres'::regrole AND n.nspname NOT LIKE 'pg\_%' AND n.nspname <> 'information_schema' LOOP
    EXECUTE format('ALTER ROUTINE %s OWNER TO bekymring_owner', object.name);
  END LOOP;
END \$\$;
SQL
}
