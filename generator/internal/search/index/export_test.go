package index

import (
	"fmt"
	"slices"
	"strings"
	"testing"
)

// TestAppendString: quotes, backslashes and control characters escaped
// wherever they stand, everything else as it is.
func TestAppendString(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"", `""`},
		{"hemtjänst", `"hemtjänst"`},
		{`"`, `"\""`},
		{`a\b`, `"a\\b"`},
		{"rad\nrad", `"rad\nrad"`},
		{"\ttab\x01\x1f", `"\u0009tab\u0001\u001f"`},
		{`"citat" och \ i slutet\`, `"\"citat\" och \\ i slutet\\"`},
		{"å\u2028ö", "\"å\u2028ö\""},
	} {
		if got := string(appendString([]byte("x"), c.in)); got != "x"+c.want {
			t.Errorf("appendString(%q) = %s, want %s", c.in, got[1:], c.want)
		}
	}
}

// TestAppendStringEveryByte: every byte value, at every place of the
// eight-byte words plain8 tests and of the bytes after them, among ASCII
// letters and among the bytes of å (above 0x80, which a word test can
// mistake for small ones), is escaped as a byte-by-byte escaper does.
func TestAppendStringEveryByte(t *testing.T) {
	want := func(s string) string {
		var b strings.Builder
		b.WriteByte('"')
		for i := 0; i < len(s); i++ {
			switch c := s[i]; {
			case c == '"' || c == '\\':
				b.WriteByte('\\')
				b.WriteByte(c)
			case c == '\n':
				b.WriteString(`\n`)
			case c < 0x20:
				fmt.Fprintf(&b, `\u%04x`, c)
			default:
				b.WriteByte(c)
			}
		}
		b.WriteByte('"')
		return b.String()
	}
	for _, fill := range []string{"a", "å", "\x7f"} {
		base := []byte(strings.Repeat(fill, 20))[:20]
		for at := range len(base) {
			for c := range 256 {
				in := slices.Clone(base)
				in[at] = byte(c)
				if got := string(appendString(nil, string(in))); got != want(string(in)) {
					t.Fatalf("appendString(%q) = %s, want %s", in, got, want(string(in)))
				}
				plain := !strings.ContainsAny(string(in[:8]), "\"\\") && !slices.ContainsFunc(in[:8], func(b byte) bool { return b < 0x20 })
				if got := plainWords(string(in[:8])); got != 8 && plain || got != 0 && !plain {
					t.Fatalf("plainWords(%q) = %d, want %d", in[:8], got, map[bool]int{true: 8}[plain])
				}
			}
		}
	}
}
