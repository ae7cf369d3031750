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

// A dropped fragment is no longer spliced: a page that still showed it
// fails rather than losing it silently, and the other fragments stay.
func TestDropFragment(t *testing.T) {
	f := &fragments{min: newMinifier()}
	row, err := f.add([]byte("<tr><td>ett</td></tr>"))
	if err != nil {
		t.Fatal(err)
	}
	other, err := f.add([]byte("<tr><td>två</td></tr>"))
	if err != nil {
		t.Fatal(err)
	}
	empty, err := f.add(nil)
	if err != nil {
		t.Fatal(err)
	}
	f.drop(row)
	var dst bytes.Buffer
	if err := f.splice(&dst, []byte("<table>"+string(other)+string(empty)+"</table>")); err != nil || dst.String() != "<table><tr><td>två</td></tr></table>" {
		t.Errorf("the fragments left: %q, %v", dst.String(), err)
	}
	dst.Reset()
	if err := f.splice(&dst, []byte("<table>"+string(row)+"</table>")); err == nil {
		t.Errorf("a dropped fragment spliced as %q", dst.String())
	}
}
