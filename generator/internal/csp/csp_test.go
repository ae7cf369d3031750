package csp

import (
	"strings"
	"testing"
)

// TestHeader: the header is the whole policy, as hosts and the preview
// have always sent it.
func TestHeader(t *testing.T) {
	want := "default-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'"
	if got := Header(); got != want {
		t.Errorf("Header() = %q, want %q", got, want)
	}
}

// TestMeta: the meta form is the header's directives, in the same order,
// without those a browser ignores (and Chromium reports) in a <meta>.
func TestMeta(t *testing.T) {
	meta := Meta()
	for _, ignored := range []string{"frame-ancestors", "report-uri", "sandbox"} {
		if strings.Contains(meta, ignored) {
			t.Errorf("Meta() carries %s, which a <meta> policy ignores: %q", ignored, meta)
		}
	}
	var kept []string
	for _, d := range strings.Split(Header(), "; ") {
		if !strings.HasPrefix(d, "frame-ancestors ") {
			kept = append(kept, d)
		}
	}
	if want := strings.Join(kept, "; "); meta != want {
		t.Errorf("Meta() = %q, want %q", meta, want)
	}
}
