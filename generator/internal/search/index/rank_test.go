package index

import (
	"math/rand/v2"
	"slices"
	"testing"
)

// TestKth: the selection finds what a sort would, with ties.
func TestKth(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	for n := 1; n < 200; n++ {
		s := make([]float64, n)
		for i := range s {
			s[i] = float64(rng.IntN(20)) // ties
		}
		sorted := slices.Sorted(slices.Values(s))
		for k := 1; k <= n; k++ {
			if got, want := kth(slices.Clone(s), k), sorted[n-k]; got != want {
				t.Fatalf("kth of %v, %d: %v, want %v", s, k, got, want)
			}
		}
	}
}
