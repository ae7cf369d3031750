package index

import "testing"

// TestWeightsNamed: every key of site.yaml's search.weights names one
// weight, the field weights in the order of the fields.
func TestWeightsNamed(t *testing.T) {
	w := DefaultWeights
	names := append(FieldNames[:], kindNames[:]...)
	seen := map[*float64]bool{}
	for i, name := range names {
		p := w.Named(name)
		if p == nil || seen[p] {
			t.Fatalf("Named(%q) = %v: none, or a weight another name has", name, p)
		}
		seen[p] = true
		*p = float64(100 + i)
	}
	if w.Named("title") != nil {
		t.Error(`Named("title"): the Go name is no key of site.yaml`)
	}
	for f, b := range w.boost() {
		if b != float64(100+f) {
			t.Errorf("boost of field %s = %g, want %d", FieldNames[f], b, 100+f)
		}
	}
	if k := float64(100 + NumFields); w.Prefix != k || w.Folded != k+1 || w.Typo != k+2 {
		t.Errorf("kinds: prefix %g, folded %g, typo %g; want %g, %g, %g", w.Prefix, w.Folded, w.Typo, k, k+1, k+2)
	}
	if w.Named("lardomar") != &w.Lessons {
		t.Error(`Named("lardomar") is not the weight of lessons`)
	}
}
