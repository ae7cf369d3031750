package output

import (
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"kunskapsbanken/generator/internal/par"
)

// BenchmarkPublish publishes a site shaped like a built one (a page per
// folder, 18 KB a file on average, as the 10,000-page corpus's 326 MB in
// 17,784 files) from every core, as the render stage does: into an empty
// folder (fresh), and again over the site the previous iteration published
// with one file in a hundred changed (rebuild). A rebuild should cost no
// more than a fresh build.
//
//	go test -run '^$' -bench BenchmarkPublish -count 6 ./generator/internal/output/
func BenchmarkPublish(b *testing.B) {
	const n = 4000
	files := make([][]byte, n)
	for i := range files {
		files[i] = make([]byte, 9000+(i*7919)%18000)
		for j := range files[i] {
			files[i][j] = byte('a' + (i+j)%26)
		}
	}
	publishAll := func(b *testing.B, dir string, round int) {
		w, err := Begin(dir)
		if err != nil {
			b.Fatal(err)
		}
		par.For(n, func(i int) {
			data := files[i]
			if i%100 == 0 { // changed by this round
				data = append([]byte(fmt.Sprint(round)), data...)
			}
			if err := w.Write(fmt.Sprintf("fallstudier/sida-%d/index.html", i), data); err != nil {
				b.Error(err)
			}
		})
		if err := w.Commit(); err != nil {
			b.Fatal(err)
		}
	}
	for _, mode := range []string{"fresh", "rebuild"} {
		b.Run(mode, func(b *testing.B) {
			dir := filepath.Join(b.TempDir(), "public")
			publishAll(b, dir, 0)
			round := 0
			for b.Loop() {
				round++
				if mode == "fresh" {
					b.StopTimer()
					for _, d := range []string{dir, dir + ".old", dir + ".new", dir + Marker} {
						if err := os.RemoveAll(d); err != nil {
							b.Fatal(err)
						}
					}
					b.StartTimer()
				}
				publishAll(b, dir, round)
			}
			b.StopTimer()
			b.ReportMetric(float64(n)*float64(b.N)/b.Elapsed().Seconds(), "files/s")
		})
	}
}
