package par

import (
	"slices"
	"testing"
)

// TestOrdered checks that every result is consumed once, in order, from
// the slot it was produced in, for sizes around the batch's.
func TestOrdered(t *testing.T) {
	for _, n := range []int{0, 1, 3, 4, 5, 8, 9, 100} {
		const batch = 4
		var buf [2 * batch]int
		var got []int
		Ordered(n, batch, func(i, slot int) { buf[slot] = i * i }, func(i, slot int) {
			if buf[slot] != i*i {
				t.Errorf("n=%d: slot %d holds %d for %d", n, slot, buf[slot], i)
			}
			got = append(got, i)
		})
		want := make([]int, n)
		for i := range want {
			want[i] = i
		}
		if !slices.Equal(got, want) {
			t.Errorf("n=%d: consumed %v, want %v", n, got, want)
		}
	}
}
