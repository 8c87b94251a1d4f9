#!/bin/sh
# Points Share's MedCase case-folder and record actions at the console, then hands over to the stock entrypoint
# (the alfresco-share image's substituter.sh, which sets REPO_HOST/REPO_PORT/CSRF and runs Tomcat).
#
# Share reads alfresco/web-extension/share-config-custom-dev.xml after the module jars'
# META-INF/share-config-custom.xml (slingshot-application-context.xml), and an <action> with the same
# id replaces the params of the earlier one (surf-doclist.lib.js getAllActions).
set -eu
# Both paths can be moved for a test (share-module ShareConsoleUrlEntrypointTest runs this script).
override=${MEDCASE_SHARE_OVERRIDE_FILE:-/usr/local/tomcat/shared/classes/alfresco/web-extension/share-config-custom-dev.xml}
next=${MEDCASE_SHARE_NEXT_ENTRYPOINT:-/usr/local/tomcat/shared/classes/alfresco/substituter.sh}
if [ -n "${MEDCASE_CONSOLE_URL:-}" ]; then
  # Only a plain http(s) URL: it is written into XML and opened by users' browsers.
  if ! printf '%s' "$MEDCASE_CONSOLE_URL" | grep -Eq '^https?://[A-Za-z0-9.-]+(:[0-9]+)?(/[A-Za-z0-9._~/-]*)?$'; then
    echo "MEDCASE_CONSOLE_URL must be a plain http(s) URL such as https://medcase.example.org, got: $MEDCASE_CONSOLE_URL" >&2
    exit 64
  fi
  console="${MEDCASE_CONSOLE_URL%/}"
  cat > "$override" <<XML
<?xml version="1.0" encoding="UTF-8"?>
<!-- Written at container start by medcase-share-entrypoint.sh from MEDCASE_CONSOLE_URL. -->
<alfresco-config>
  <config evaluator="string-compare" condition="DocLibActions">
    <actions>
      <action id="medcase-open-case-in-console">
        <param name="href">${console}/console/open-case?number={node.properties.mc:caseNumber}</param>
        <param name="target">_blank</param>
      </action>
      <action id="medcase-open-record-in-console">
        <param name="href">${console}/console/open-record?node={node.nodeRef}</param>
        <param name="target">_blank</param>
      </action>
      <action id="medcase-open-console">
        <param name="href">${console}/console</param>
        <param name="target">_blank</param>
      </action>
    </actions>
  </config>
</alfresco-config>
XML
fi
exec "$next" "$@"
