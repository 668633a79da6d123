#!/usr/bin/env bash
# Prepares a Payara Server 6 domain for Bastion and, given the WAR, deploys it; safe to run again
# (it changes only what differs and restarts the domain only when a setting needs it):
#   PAYARA_HOME=/opt/payara6 BASTION_DATASOURCE_URL=... server-config/payara-server/configure.sh [bastion.war]
#
# The domain:
#   PAYARA_HOME        the unpacked fish.payara.distributions:payara zip (required)
#   PAYARA_DOMAIN      domain name, default domain1; created when it does not exist
#   PAYARA_DOMAIN_DIR  where domains live, default $PAYARA_HOME/glassfish/domains
#   PAYARA_PORTBASE    ports of a domain this script creates: admin = base+48, HTTP = base+80
#                      (unset: Payara's 4848 and 8080)
#   PAYARA_HEAP        maximum heap of the server (-Xmx), e.g. 1g; unset: the domain's (512m)
#   PAYARA_READY_TIMEOUT  seconds to wait for /health/ready after the deploy, default 600
# Bastion's settings, each stored in the domain when its variable is set (see SETTINGS below;
# any other key: set it the same way with asadmin set-config-property, or export its variable
# before start-domain, which passes its environment to the server).
set -euo pipefail

home=${PAYARA_HOME:?set PAYARA_HOME to the unpacked Payara Server}
domain=${PAYARA_DOMAIN:-domain1}
domain_dir=${PAYARA_DOMAIN_DIR:-$home/glassfish/domains}
war=${1:-}
[ -z "$war" ] || [ -f "$war" ] || { echo "no WAR at $war" >&2; exit 2; }
here=$(cd "$(dirname "$0")" && pwd)

# MicroProfile Config keys stored in the domain's config source (asadmin set-config-property
# --source=domain): the settings an installation chooses. The live settings (rate limit, session
# TTL, ...) are changed in the console and kept in the database. PORT is the HTTP listener's port
# unless set: Bastion prints its URLs with it.
SETTINGS="PORT bastion.public-url bastion.data.dir
  bastion.datasource.url bastion.datasource.class bastion.datasource.user
  bastion.health.details bastion.trusted-proxies bastion.audit.enabled
  bastion.demo-data bastion.demo-volume
  bastion.oauth.external.issuer bastion.oauth.external.audience bastion.oauth.external.user-claim
  bastion.oauth.external.create-users bastion.oauth.external.groups"
# Secrets go to the domain's password alias store (encrypted), not domain.xml: Payara's
# "password" config source answers a key with the alias of that name.
SECRETS="bastion.datasource.password bastion.admin.password bastion.admin.api-key"

log() { printf '[payara-server] %s\n' "$*"; }
# The environment variable of a key, MicroProfile Config's rule: bastion.data.dir -> BASTION_DATA_DIR.
env_name() { printf '%s' "$1" | tr 'a-z' 'A-Z' | tr -c 'A-Z0-9' '_'; }
# A listener's port in the domain's configuration (the first, server-config's, entry).
listener_port() {
    grep -o "<network-listener [^>]*name=\"$1\"[^>]*>" "$domain_dir/$domain/config/domain.xml" \
        | head -1 | sed 's/.* port="\([0-9]*\)".*/\1/'
}

if [ ! -f "$domain_dir/$domain/config/domain.xml" ]; then
    log "creating domain $domain in $domain_dir"
    "$home/bin/asadmin" --interactive=false create-domain --nopassword --domaindir "$domain_dir" \
        ${PAYARA_PORTBASE:+--portbase "$PAYARA_PORTBASE"} "$domain" >/dev/null
fi
admin_port=$(listener_port admin-listener)
http_port=$(listener_port http-listener-1)
asadmin() { "$home/bin/asadmin" --interactive=false --port "$admin_port" "$@"; }
# Whether the domain's server answers on its admin port (list-domains says "not running" when a
# busy server answers it slowly).
running() { asadmin uptime >/dev/null 2>&1; }
start() { log "starting domain $domain (admin port $admin_port, HTTP port $http_port)"; asadmin start-domain --domaindir "$domain_dir" "$domain" >/dev/null; }

running || start
restart=false

# Attributes that take effect on a restart: set when they differ.
ensure() {
    local current
    current=$(asadmin get "$1" | sed -n "s|^$1=||p")
    if [ "$current" != "$2" ]; then
        log "$1: ${current:-unset} -> $2"
        asadmin set "$1=$2" >/dev/null
        restart=true
    fi
}
listener=configs.config.server-config.network-config.protocols.protocol.http-listener-1.http
# An event stream (GET /mcp, a tool call's SSE answer) stays open for hours; Grizzly ends a
# request after request-timeout-seconds (900) and interrupts the thread serving it.
ensure "$listener.request-timeout-seconds" -1
# Payara Server's http-thread-pool defaults to 5 threads (Payara Micro: 200): five tool calls
# waiting for an elicitation answer would leave no thread to receive the answers.
ensure configs.config.server-config.thread-pools.thread-pool.http-thread-pool.max-thread-pool-size 200
# Every response named the server, its version and the JDK (Server, X-Powered-By headers).
ensure "$listener.xpowered-by" false
ensure "$listener.server-header" false

if [ -n "${PAYARA_HEAP:-}" ]; then
    heap=$(asadmin list-jvm-options | grep -x -- '-Xmx[0-9]*[kKmMgG]' || true)
    if [ "$heap" != "-Xmx$PAYARA_HEAP" ]; then
        log "heap: ${heap:-unset} -> -Xmx$PAYARA_HEAP"
        [ -z "$heap" ] || asadmin delete-jvm-options -- "$heap" >/dev/null
        asadmin create-jvm-options -- "-Xmx$PAYARA_HEAP" >/dev/null
        restart=true
    fi
fi

# MicroProfile Metrics and OpenAPI are public endpoints: off, as on Payara Micro (same file).
grep -v '^#' "$here/../payara/post-boot-commands.asadmin" | while read -r command; do
    [ -z "$command" ] || asadmin $command >/dev/null
done

export PORT=${PORT:-$http_port}
for key in $SETTINGS; do
    name=$(env_name "$key")
    if [ -n "${!name+set}" ]; then
        asadmin set-config-property --source=domain --propertyName="$key" --propertyValue="${!name}" >/dev/null
        log "setting $key (from $name)"
    fi
done
aliases=$(asadmin list-password-aliases)
secret_file=$(mktemp)
trap 'rm -f "$secret_file"' EXIT
for key in $SECRETS; do
    name=$(env_name "$key")
    if [ -n "${!name+set}" ]; then
        printf 'AS_ADMIN_ALIASPASSWORD=%s\n' "${!name}" >"$secret_file"
        if grep -qx "$key" <<<"$aliases"; then verb=update; else verb=create; fi
        asadmin --passwordfile "$secret_file" "$verb-password-alias" "$key" >/dev/null
        log "secret $key (from $name, password alias)"
    fi
done

if [ "$restart" = true ]; then
    log "restarting domain $domain for the settings above"
    asadmin stop-domain --domaindir "$domain_dir" "$domain" >/dev/null
    start
fi
[ -n "$war" ] || { log "domain $domain configured; deploy with: $0 bastion.war"; exit 0; }

log "deploying $war at /"
started=$(date +%s)
asadmin deploy --force=true --name bastion --contextroot / "$war" >/dev/null
ready=http://localhost:$http_port/health/ready
until curl -sf "$ready" | grep -q '"name":"database","status":"UP"'; do
    if [ $(( $(date +%s) - started )) -ge "${PAYARA_READY_TIMEOUT:-600}" ]; then
        echo "Bastion did not get ready at $ready; see $domain_dir/$domain/logs/server.log" >&2
        exit 1
    fi
    sleep 2
done
log "Bastion is ready at http://localhost:$http_port/mcp (deployed and ready in $(( $(date +%s) - started )) s)"
