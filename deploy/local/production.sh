# `./run production`: the service as production runs it, on this machine. Sourced by ./run after PostgreSQL, the
# roles, the build and the SMTP sink; uses its ROOT, DATA, PG_PORT, SMTP_PORT and PIDS. Everything it makes is under
# .data/production/: certificates, nginx's files, the logs.

PROXY_URL=https://127.0.0.1:5443
IDP_URL=https://127.0.0.1:5444
HOST_PORTS=(5081 5082)
PRODUCTION_DATABASE=bekymringssamtale_production
IDP_DATABASE=bekymringssamtale_idp
WEB_CLIENT_SECRET=utvikling-hemmelig-web

# make_certificates FOLDER — a self-signed TLS certificate for 127.0.0.1 (nginx and the identity provider) and the
# certificate that encrypts the key ring at rest; kept across runs (the keys in the database need the same one).
make_certificates() {
  local folder=$1
  mkdir -p "$folder"
  if [ ! -f "$folder/tls.crt" ]; then
    openssl req -x509 -newkey rsa:2048 -nodes -days 825 -subj "/CN=127.0.0.1" \
      -addext "subjectAltName=IP:127.0.0.1,DNS:localhost" -keyout "$folder/tls.key" -out "$folder/tls.crt" 2>/dev/null
  fi
  if [ ! -f "$folder/key-ring.pem" ]; then
    openssl req -x509 -newkey rsa:3072 -nodes -days 3650 -subj "/CN=BekymringssamtaleService key ring" \
      -keyout "$folder/key-ring.key" -out "$folder/key-ring.crt" 2>/dev/null
    cat "$folder/key-ring.crt" "$folder/key-ring.key" > "$folder/key-ring.pem"
    rm "$folder/key-ring.crt" "$folder/key-ring.key"
  fi
  chmod 600 "$folder"/*.key "$folder/key-ring.pem"
}

# wait_until URL WHAT — polls until the URL answers 2xx (self-signed certificates accepted), or gives up after a minute.
wait_until() {
  local url=$1 what=$2
  for _ in $(seq 1 120); do
    curl -fsk "$url" >/dev/null 2>&1 && return 0
    sleep 0.5
  done
  echo "$what did not answer at $url; see the logs in $DATA/production/." >&2
  exit 1
}

run_production() {
  local state="$DATA/production" web="$ROOT/src/BekymringssamtaleService.Web" web_dll idp_dll upstreams="" port
  web_dll="$web/bin/Debug/net10.0/BekymringssamtaleService.Web.dll"
  idp_dll="$ROOT/src/BekymringssamtaleService.DevIdentityProvider/bin/Debug/net10.0/BekymringssamtaleService.DevIdentityProvider.dll"
  mkdir -p "$state/logs" "$state/nginx/location.d"
  make_certificates "$state/certificates"
  create_database "$PG_PORT" "$PRODUCTION_DATABASE"
  ensure_database_roles "$PG_PORT" "$PRODUCTION_DATABASE"
  create_database "$PG_PORT" "$IDP_DATABASE"

  export ConnectionStrings__Database="Host=127.0.0.1;Port=$PG_PORT;Username=bekymring_app;Database=$PRODUCTION_DATABASE"
  export Smtp__Host=127.0.0.1 Smtp__Port=$SMTP_PORT Smtp__Security=None Smtp__FromAddress=forebygging@politiet.example
  export Seeds__Folder="$ROOT/seeds" Workflows__Folder="$ROOT/workflows" Letters__Folder="$ROOT/workflows/letters"
  export DataProtection__Certificate__Path="$state/certificates/key-ring.pem"
  local owner="Host=127.0.0.1;Port=$PG_PORT;Username=bekymring_owner;Database=$PRODUCTION_DATABASE"

  log "Migrating (the host's migrate command, as the owner role)"
  ASPNETCORE_ENVIRONMENT=Production ConnectionStrings__Migrations="$owner" dotnet "$web_dll" migrate
  log "Publishing the workflow definitions (the host's publish-workflows command)"
  ASPNETCORE_ENVIRONMENT=Production dotnet "$web_dll" publish-workflows

  # Demo users and cases are refused outside Development (Seeds:LoadDemoData): one start of the host in Development
  # loads them, with the same key-ring certificate, and stops; the Production hosts then find them in the database.
  log "Loading the demo users and cases (one start in Development)"
  (cd "$web" && ASPNETCORE_ENVIRONMENT=Development ConnectionStrings__Migrations="$owner" Seeds__LoadDemoData=true \
    exec dotnet "$web_dll" --urls http://127.0.0.1:5089 >"$state/logs/demo-data.log" 2>&1) &
  local loader=$!
  wait_until http://127.0.0.1:5089/health/ready "The host loading the demo data"
  kill "$loader"; wait "$loader" 2>/dev/null || true

  log "Starting the development identity provider on $IDP_URL"
  ASPNETCORE_ENVIRONMENT=Development \
    Kestrel__Certificates__Default__Path="$state/certificates/tls.crt" Kestrel__Certificates__Default__KeyPath="$state/certificates/tls.key" \
    ConnectionStrings__IdentityProvider="Host=127.0.0.1;Port=$PG_PORT;Username=postgres;Database=$IDP_DATABASE" \
    IdentityProvider__UsersFile="$ROOT/seeds/demo-users.json" \
    IdentityProvider__WebClient__ClientId=bekymringssamtale IdentityProvider__WebClient__ClientSecret="$WEB_CLIENT_SECRET" \
    IdentityProvider__WebClient__RedirectUris__0="$PROXY_URL/signin-oidc" \
    IdentityProvider__WebClient__PostLogoutRedirectUris__0="$PROXY_URL/signout-callback-oidc" \
    IdentityProvider__ProgramClient__ClientId=bekymringssamtale-program IdentityProvider__ProgramClient__ClientSecret=utvikling-hemmelig-program \
    IdentityProvider__ProgramClient__Subject=dev:integrasjon \
    dotnet "$idp_dll" --urls "$IDP_URL" >"$state/logs/identity-provider.log" 2>&1 &
  PIDS+=($!)
  wait_until "$IDP_URL/.well-known/openid-configuration" "The identity provider"

  for port in "${HOST_PORTS[@]}"; do
    log "Starting a host in Production on http://127.0.0.1:$port"
    (cd "$web" && ASPNETCORE_ENVIRONMENT=Production ForwardedHeaders__KnownProxies__0=127.0.0.1 \
      Authentication__OpenIdConnect__Authority="$IDP_URL/" Authentication__OpenIdConnect__ClientId=bekymringssamtale \
      Authentication__OpenIdConnect__ClientSecret="$WEB_CLIENT_SECRET" \
      Authentication__OpenIdConnect__TrustedCertificatePath="$state/certificates/tls.crt" \
      exec dotnet "$web_dll" --urls "http://127.0.0.1:$port" >"$state/logs/host-$port.log" 2>&1) &
    PIDS+=($!)
    upstreams+="    server 127.0.0.1:$port max_fails=1 fail_timeout=10s;"$'\n'
  done
  for port in "${HOST_PORTS[@]}"; do wait_until "http://127.0.0.1:$port/health/ready" "The host on port $port"; done

  log "Starting nginx on $PROXY_URL"
  UPSTREAMS="$upstreams" STATE="$state/nginx" CERTIFICATE="$state/certificates/tls.crt" CERTIFICATE_KEY="$state/certificates/tls.key" \
    perl -pe 's/\@UPSTREAMS\@/$ENV{UPSTREAMS}/; s/\@STATE\@/$ENV{STATE}/g; s/\@LISTEN\@/127.0.0.1:5443/;
      s/\@CERTIFICATE_KEY\@/$ENV{CERTIFICATE_KEY}/; s/\@CERTIFICATE\@/$ENV{CERTIFICATE}/' \
    "$ROOT/deploy/local/nginx.conf" >"$state/nginx/nginx.conf"
  chmod o+x "$state" "$state/nginx"
  nginx -p "$state/nginx" -e "$state/nginx/error.log" -c "$state/nginx/nginx.conf" &
  PIDS+=($!)
  wait_until "$PROXY_URL/health/ready" "nginx"

  cat <<INFO

  Dashboard (sign in at the development identity provider): $PROXY_URL/   (self-signed certificate)
  Hosts behind nginx, round robin:  http://127.0.0.1:${HOST_PORTS[0]}  http://127.0.0.1:${HOST_PORTS[1]}  (Production)
  Identity provider:                $IDP_URL/
  Jobs (administrators):            $PROXY_URL/hangfire
  Mails sent:                       $DATA/mail/*.eml  (SMTP sink on 127.0.0.1:$SMTP_PORT)
  Logs:                             $state/logs/, $state/nginx/
  PostgreSQL:                       psql -h 127.0.0.1 -p $PG_PORT -U postgres $PRODUCTION_DATABASE

  Ctrl-C stops everything.
INFO
}
