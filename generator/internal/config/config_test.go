package config

import (
	"strings"
	"testing"

	"kunskapsbanken/generator/internal/diag"
)

// TestTableSize: tableSize sets the rows on one page of "Vem använder
// vad", 1,000 when left out; anything but a whole number from 1 to 10,000
// is an error at its place that says what to write.
func TestTableSize(t *testing.T) {
	for _, c := range []struct {
		yaml string
		want int
		err  string
	}{
		{"title: T\n", 1000, ""},
		{"tableSize: 50\n", 50, ""},
		{"title: T\ntableSize: 0\n", 1000, "site.yaml:2:12: tableSize ska vara ett heltal mellan 1 och 10000"},
		{"tableSize: många\n", 1000, "site.yaml:1:12: tableSize ska vara ett heltal mellan 1 och 10000"},
	} {
		var diags diag.List
		s := Parse("site.yaml", []byte(c.yaml), &diags)
		var b strings.Builder
		diags.WriteText(&b)
		if s.TableSize != c.want || (c.err == "") != !diags.HasErrors() || !strings.Contains(b.String(), c.err) {
			t.Errorf("%q: tableSize %d, messages %q; want %d and %q", c.yaml, s.TableSize, b.String(), c.want, c.err)
		}
	}
}
