#!/usr/bin/env bash
# Installs what the browser tests (generator/internal/sitetest) need and
# nothing else:
#
#   - Chromium from Debian's packages (/usr/bin/chromium), with a basic font,
#     so that screenshots show text. No browser is downloaded from anywhere
#     else: not through npm, Playwright or Puppeteer.
#   - axe-core, the accessibility rules, TypeScript, which checks the
#     JavaScript (tsconfig.json), and rdf-validate-shacl with the RDF
#     parsers n3 and rdfxml-streaming-parser, which check data/dcat.rdf
#     against DCAT-AP-SE's shapes (generator/internal/pipeline/dcat_test.go),
#     from the npm registry at the exact versions of package-lock.json, into
#     node_modules/.
#   - Node.js and npm from Debian's packages when missing: the search tests
#     (generator/internal/search) run the browser's search engine in node.
#
# Idempotent and quiet when everything is there; it prints one line for each
# thing it installs. Runs as root (CI) or through sudo.
#
#   bash scripts/install-test-deps.sh
set -euo pipefail
cd "$(dirname "$0")/.."

as_root() {
	if [ "$(id -u)" -eq 0 ]; then
		"$@"
	elif command -v sudo >/dev/null 2>&1; then
		sudo "$@"
	else
		echo "install-test-deps: need root (or sudo) to run: $*" >&2
		exit 1
	fi
}

# Chromium. Only Debian's package: its version is the distribution's, and
# apt fetches the package list only when something is missing.
debs=()
for p in chromium fonts-dejavu-core; do
	if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed'; then
		debs+=("$p")
	fi
done
command -v node >/dev/null 2>&1 || debs+=(nodejs)
command -v npm >/dev/null 2>&1 || debs+=(npm)
if [ ${#debs[@]} -gt 0 ]; then
	echo "install-test-deps: installing ${debs[*]} (Debian packages)"
	log=$(mktemp)
	trap 'rm -f "$log"' EXIT
	if ! { as_root apt-get update -qq &&
		as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${debs[@]}"; } >"$log" 2>&1; then
		cat "$log" >&2
		echo "install-test-deps: apt-get failed" >&2
		exit 1
	fi
	echo "install-test-deps: $(/usr/bin/chromium --version 2>/dev/null || echo 'chromium installed')"
fi

# axe-core, TypeScript and the SHACL validator. npm ci installs exactly what package-lock.json pins; it runs
# again only when the lock file changed since the last install (a stamp in
# node_modules/ holds the lock file's hash).
if ! command -v npm >/dev/null 2>&1; then
	echo "install-test-deps: npm is missing after installing Debian's npm package" >&2
	exit 1
fi
stamp=node_modules/.kb-package-lock.sha256
want=$(sha256sum package-lock.json | cut -d' ' -f1)
if [ ! -f node_modules/axe-core/axe.min.js ] || [ ! -f node_modules/typescript/bin/tsc ] ||
	[ ! -f node_modules/rdf-validate-shacl/package.json ] ||
	[ "$(cat "$stamp" 2>/dev/null)" != "$want" ]; then
	echo "install-test-deps: installing npm packages of package-lock.json (axe-core, typescript, rdf-validate-shacl, n3, rdfxml-streaming-parser)"
	npm ci --no-audit --no-fund --loglevel=error >/dev/null
	echo "$want" >"$stamp"
	echo "install-test-deps: axe-core $(node -p 'require("./node_modules/axe-core/package.json").version'), typescript $(node -p 'require("./node_modules/typescript/package.json").version')"
fi
