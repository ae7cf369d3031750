package render

import (
	"bytes"
	"strings"
	"testing"
)

// Splice grows its buffer once, to exactly the spliced page: a "Vem
// använder vad" page is one large page of fragments, and a buffer doubling
// its way there would hold the last two sizes at once.
func TestSpliceGrowsOnce(t *testing.T) {
	f := &fragments{html: [][]byte{[]byte("<tr><td>ett</td></tr>"), []byte(strings.Repeat("<tr><td>två</td></tr>", 1000)), nil}}
	ph := func(id string) string { return placeholderOpen + id + placeholderClose }
	page := "<table>" + ph("1") + ph("0") + ph("2") + strings.Repeat(ph("1"), 50) + "</table>"
	want := "<table>" + string(f.html[1]) + string(f.html[0]) + strings.Repeat(string(f.html[1]), 50) + "</table>"
	var dst bytes.Buffer
	if err := f.splice(&dst, []byte(page)); err != nil {
		t.Fatal(err)
	}
	if dst.String() != want {
		t.Fatalf("spliced %d bytes, want %d", dst.Len(), len(want))
	}
	if dst.Cap() > len(want)+len(want)/16 { // room to the allocator's size class, not a doubling
		t.Errorf("the buffer grew to %d bytes for a page of %d", dst.Cap(), len(want))
	}
	for _, bad := range []string{placeholderOpen + "7" + placeholderClose, placeholderOpen + "1"} {
		if err := f.splice(&dst, []byte(bad)); err == nil {
			t.Errorf("%q: spliced without an error", bad)
		}
	}
}
