package index

import (
	"cmp"
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

// TestBest: best gives the first n of a sort of every page by score,
// highest first, the lower page first on a tie, with many ties at the
// n-th score.
func TestBest(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	var buf []candidate
	for size := 1; size < 120; size++ {
		score := make([]float64, size)
		pages := make([]int32, size)
		page := int32(0)
		for i := range score {
			score[i] = float64(rng.IntN(6)) // ties
			page += 1 + rng.Int32N(3)
			pages[i] = page
		}
		order := make([]int, size)
		for i := range order {
			order[i] = i
		}
		slices.SortStableFunc(order, func(a, b int) int { return cmp.Compare(score[b], score[a]) })
		for n := 1; n <= size+1; n++ {
			work := make([]float64, size)
			got := best(score, pages, n, work, &buf)
			if want := order[:min(n, size)]; !slices.Equal(got, want) {
				t.Fatalf("best %d of %v on pages %v: %v, want %v", n, score, pages, got, want)
			}
		}
	}
}
