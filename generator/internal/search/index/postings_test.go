package index

import (
	"slices"
	"testing"
)

// TestPostingsRoundTrip: what add writes, decode gives back, in order,
// with page gaps and counts of any size.
func TestPostingsRoundTrip(t *testing.T) {
	want := []posting{{0, 1}, {1, 127}, {2, 128}, {300, 1}, {70000, 5}, {1 << 30, 1 << 20}}
	var l postings
	for _, p := range want {
		l.add(p.doc, p.tf)
	}
	if l.len() != len(want) {
		t.Errorf("len = %d, want %d", l.len(), len(want))
	}
	if got := l.decode(); !slices.Equal(got, want) {
		t.Errorf("decode = %v, want %v", got, want)
	}
	var empty postings
	if got := empty.decode(); got != nil {
		t.Errorf("empty decode = %v, want nil", got)
	}
	if got := uvarints(appendUvarints(nil, 0, 5, 1<<20), nil); !slices.Equal(got, []int32{0, 5, 1 << 20}) {
		t.Errorf("uvarints = %v", got)
	}
}
