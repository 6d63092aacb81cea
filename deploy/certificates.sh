#!/usr/bin/env bash
# Makes the certificates deploy/compose.yaml mounts, in deploy/certificates/ (git ignores it), for a trial or a staging
# machine: a local CA (ca.crt, which the hosts trust beside the system's CAs), nginx's certificate (proxy.crt, for
# PROXY_NAME, default localhost), the SMTP sink's (smtp.crt) and the certificate that encrypts the data-protection key
# ring (dataprotection.pfx, protected by DATA_PROTECTION_CERTIFICATE_PASSWORD). In production use your own CA's
# certificates under the same names; keep dataprotection.pfx as long as the key ring it protects (docs/operations.md).
set -euo pipefail
cd "$(dirname "$0")"
: "${DATA_PROTECTION_CERTIFICATE_PASSWORD:?set DATA_PROTECTION_CERTIFICATE_PASSWORD (the same as in .env)}"
PROXY_NAME=${PROXY_NAME:-localhost}
mkdir -p certificates
cd certificates
umask 077

issue() { # issue NAME DNS-NAMES: a key and a certificate for NAME signed by the local CA
  local name=$1 names=$2
  openssl req -new -newkey rsa:2048 -nodes -keyout "$name.key" -subj "/CN=${names%%,*}" -out "$name.csr" 2>/dev/null
  printf 'subjectAltName=%s\nextendedKeyUsage=serverAuth\n' "$(sed 's/[^,]*/DNS:&/g' <<<"$names")" > "$name.ext"
  openssl x509 -req -in "$name.csr" -CA ca.crt -CAkey ca.key -CAcreateserial -days 825 -sha256 -extfile "$name.ext" -out "$name.crt" 2>/dev/null
  rm "$name.csr" "$name.ext"
}

[ -f ca.key ] || openssl req -x509 -newkey rsa:3072 -nodes -keyout ca.key -subj "/CN=Bekymringssamtale local CA" -days 3650 -sha256 -out ca.crt 2>/dev/null
issue proxy "$PROXY_NAME"
issue smtp smtp
[ -f dataprotection.pfx ] || {
  openssl req -x509 -newkey rsa:3072 -nodes -keyout dataprotection.key -subj "/CN=Bekymringssamtale data protection" -days 3650 -out dataprotection.crt 2>/dev/null
  openssl pkcs12 -export -inkey dataprotection.key -in dataprotection.crt -passout env:DATA_PROTECTION_CERTIFICATE_PASSWORD -out dataprotection.pfx
  rm dataprotection.key dataprotection.crt
}
# The containers read them as their own users; the CA's key stays the operator's alone.
chmod 644 ./*.crt proxy.key smtp.key dataprotection.pfx
echo "Certificates in $(pwd): ca.crt, proxy.crt/.key ($PROXY_NAME), smtp.crt/.key, dataprotection.pfx"
