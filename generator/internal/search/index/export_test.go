package index

import "testing"

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
