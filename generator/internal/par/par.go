// Package par runs independent work on every core.
package par

import (
	"runtime"
	"sync"
	"sync/atomic"
)

// For calls fn(i) for every i in [0, n) on GOMAXPROCS goroutines and
// returns when all calls have. Callers write results into a slice at index
// i, so no lock is needed and the order of results is the input's.
func For(n int, fn func(i int)) {
	workers := min(runtime.GOMAXPROCS(0), n)
	if workers <= 1 {
		for i := 0; i < n; i++ {
			fn(i)
		}
		return
	}
	var next atomic.Int64
	var wg sync.WaitGroup
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				i := int(next.Add(1)) - 1
				if i >= n {
					return
				}
				fn(i)
			}
		}()
	}
	wg.Wait()
}

// Ordered calls produce(i, slot) for every i in [0, n) on every core, a
// batch of i at a time, and consume(i, slot) for every i in order, on one
// goroutine, while the next batch is produced: for work whose results
// must be gathered in order by a serial step, which alone would leave all
// cores but one idle. slot is i's place, below 2×batch, in the caller's
// buffer of results: two batches take turns in it, so produce may reuse
// what a slot held.
func Ordered(n, batch int, produce, consume func(i, slot int)) {
	var consuming sync.WaitGroup
	for start := 0; start < n; start += batch {
		end := min(start+batch, n)
		For(end-start, func(k int) { produce(start+k, (start+k)%(2*batch)) })
		consuming.Wait() // the batch before, whose slots the next one takes
		consuming.Go(func() {
			for i := start; i < end; i++ {
				consume(i, i%(2*batch))
			}
		})
	}
	consuming.Wait()
}
