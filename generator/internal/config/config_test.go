package config

import (
	"strings"
	"testing"

	"kunskapsbanken/generator/internal/diag"
)

// TestSizes: pageSize sets the case studies on one page of a list (20 when
// left out) and tableSize the rows on one page of "Vem använder vad"
// (1,000); anything but a whole number within each one's range is an
// error at its place that says what to write, and leaves the default.
func TestSizes(t *testing.T) {
	for _, c := range []struct {
		yaml        string
		page, table int
		err         string
	}{
		{"title: T\n", 20, 1000, ""},
		{"pageSize: 5\ntableSize: 50\n", 5, 50, ""},
		{"title: T\ntableSize: 0\n", 20, 1000, "site.yaml:2:12: tableSize ska vara ett heltal mellan 1 och 10000"},
		{"tableSize: många\n", 20, 1000, "site.yaml:1:12: tableSize ska vara ett heltal mellan 1 och 10000"},
		{"pageSize: 1001\n", 20, 1000, "site.yaml:1:11: pageSize ska vara ett heltal mellan 1 och 1000"},
	} {
		var diags diag.List
		s := Parse("site.yaml", []byte(c.yaml), &diags)
		var b strings.Builder
		diags.WriteText(&b)
		if s.PageSize != c.page || s.TableSize != c.table || (c.err == "") != !diags.HasErrors() || !strings.Contains(b.String(), c.err) {
			t.Errorf("%q: pageSize %d, tableSize %d, messages %q; want %d, %d and %q", c.yaml, s.PageSize, s.TableSize, b.String(), c.page, c.table, c.err)
		}
	}
}
