#!/usr/bin/env bash
# Prepares a WildFly 39 installation for Bastion, once:
#   server-config/wildfly/configure.sh WILDFLY_HOME ECLIPSELINK_JAR_OR_DIR...
# 1. puts the EclipseLink jars (org.eclipse.persistence.core, .jpa, .jpa.jpql and .asm of the
#    version Payara 6 runs, 4.0.7, from Maven Central) into WildFly's EclipseLink module, as WildFly's
#    guide for EclipseLink says; Bastion starts its persistence unit with it on every server;
# 2. runs bastion.cli (data source from the environment, MicroProfile Health).
# Then deploy: cp bastion.war $WILDFLY_HOME/standalone/deployments/ROOT.war (context root /).
set -euo pipefail
home=${1:?usage: configure.sh WILDFLY_HOME ECLIPSELINK_JAR...}
shift
[ $# -gt 0 ] || { echo "name the EclipseLink jars to install" >&2; exit 2; }
module=$home/modules/system/layers/base/org/eclipse/persistence/main
[ -f "$module/module.xml" ] || { echo "no EclipseLink module in $home" >&2; exit 2; }
jars=()
for arg in "$@"; do
    if [ -d "$arg" ]; then jars+=("$arg"/*.jar); else jars+=("$arg"); fi
done
for jar in "${jars[@]}"; do
    name=$(basename "$jar")
    cp "$jar" "$module/$name"
    grep -q "path=\"$name\"" "$module/module.xml" \
        || sed -i "s|<resources>|<resources>\n        <resource-root path=\"$name\"/>|" "$module/module.xml"
done
# EclipseLink uses more of Java SE (JDBC, java.beans, JAXP, RMI) than the module lists.
for dep in java.se jdk.unsupported; do
    grep -q "name=\"$dep\"" "$module/module.xml" \
        || sed -i "s|<dependencies>|<dependencies>\n        <module name=\"$dep\"/>|" "$module/module.xml"
done
if grep -q "spec-descriptor-property-replacement>true" "$home/standalone/configuration/standalone.xml"; then
    echo "standalone.xml already configured for Bastion"
else
    "$home/bin/jboss-cli.sh" --file="$(dirname "$0")/bastion.cli"
fi
