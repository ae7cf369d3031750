package spool

import (
	"bytes"
	"runtime"
	"sync"
	"testing"
)

// BenchmarkSpool keeps what a 2,000-page build keeps in its spool, from
// every core as the build does: each page's Markdown source (about 5 KB)
// put and read once, into a buffer each core reuses, its rendered body (8 KB) put and read once, and its
// plain text (7.6 KB) put and read twice, as the search stage does.
//
//	go test -run '^$' -bench BenchmarkSpool -count 8 ./generator/internal/spool/
func BenchmarkSpool(b *testing.B) {
	const pages = 2000
	record := func(size, i int) []byte {
		return bytes.Repeat([]byte{byte('a' + i%26)}, size+(i*7919)%(size/2))
	}
	sources, bodies, texts := make([][]byte, pages), make([][]byte, pages), make([][]byte, pages)
	for i := range sources {
		sources[i], bodies[i], texts[i] = record(4000, i), record(6500, i), record(6000, i)
	}
	cores := runtime.GOMAXPROCS(0)
	each := func(f func(i, core int)) { // every page, on every core
		var wg sync.WaitGroup
		for w := range cores {
			wg.Go(func() {
				for i := w; i < pages; i += cores {
					f(i, w)
				}
			})
		}
		wg.Wait()
	}
	buffers := make([][]byte, cores)
	dir := b.TempDir()
	for b.Loop() {
		s, err := Create(dir)
		if err != nil {
			b.Fatal(err)
		}
		src, html, text := make([]Ref, pages), make([]Ref, pages), make([]Ref, pages)
		each(func(i, _ int) { src[i] = s.Put(sources[i]) })
		each(func(i, core int) {
			buf, err := s.AppendRecord(buffers[core][:0], src[i])
			if err != nil {
				b.Error(err)
			}
			buffers[core] = buf
			html[i], text[i] = s.Put(bodies[i]), s.Put(texts[i])
		})
		for range 2 {
			each(func(i, _ int) {
				if _, err := s.GetString(text[i]); err != nil {
					b.Error(err)
				}
			})
		}
		each(func(i, _ int) {
			if _, err := s.Get(html[i]); err != nil {
				b.Error(err)
			}
		})
		s.Close()
	}
}
