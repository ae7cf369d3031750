package render

import (
	"fmt"
	"strings"

	"kunskapsbanken/generator/internal/csp"
)

// immutableCache is the cache lifetime the site asks hosts for fingerprinted
// assets: a new version has a new name.
const immutableCache = "public, max-age=31536000, immutable"

// headersFile is the _headers file that Netlify and Cloudflare Pages read:
// fingerprinted assets are cached for a year; HTML is left to the hosts'
// default, which revalidates it on every visit (a rule for "/*" would be
// merged into the assets' rule by both hosts, not replaced). Every response
// carries the content security policy (package csp: nothing from another
// host, no inline script; the pages carry it too, for hosts without
// _headers) and sends other sites no more than its origin as referrer.
// ARCHITECTURE.md and README.md give the same rules for other servers.
func headersFile(base string) []byte {
	var b strings.Builder
	fmt.Fprintf(&b, "%s*\n", base)
	fmt.Fprintf(&b, "  Content-Security-Policy: %s\n", csp.Header())
	b.WriteString("  X-Content-Type-Options: nosniff\n")
	b.WriteString("  Referrer-Policy: strict-origin-when-cross-origin\n")
	b.WriteString("  Permissions-Policy: interest-cohort=(), camera=(), microphone=(), geolocation=()\n")
	fmt.Fprintf(&b, "%sassets/*\n", base)
	fmt.Fprintf(&b, "  Cache-Control: %s\n", immutableCache)
	return []byte(b.String())
}
