package render

import (
	"fmt"
	"strings"
)

// Cache lifetimes the site asks hosts for.
const (
	immutableCache = "public, max-age=31536000, immutable" // fingerprinted: a new version has a new name
	securityPolicy = "default-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'"
)

// headersFile is the _headers file that Netlify and Cloudflare Pages read:
// fingerprinted assets are cached for a year; HTML is left to the hosts'
// default, which revalidates it on every visit (a rule for "/*" would be
// merged into the assets' rule by both hosts, not replaced). Every response
// carries a content security policy that allows nothing from another host
// and no inline script, and sends no referrer to other sites.
// ARCHITECTURE.md and README.md give the same rules for other servers.
func headersFile(base string) []byte {
	var b strings.Builder
	fmt.Fprintf(&b, "%s*\n", base)
	fmt.Fprintf(&b, "  Content-Security-Policy: %s\n", securityPolicy)
	b.WriteString("  X-Content-Type-Options: nosniff\n")
	b.WriteString("  Referrer-Policy: strict-origin-when-cross-origin\n")
	b.WriteString("  Permissions-Policy: interest-cohort=(), camera=(), microphone=(), geolocation=()\n")
	fmt.Fprintf(&b, "%sassets/*\n", base)
	fmt.Fprintf(&b, "  Cache-Control: %s\n", immutableCache)
	return []byte(b.String())
}
