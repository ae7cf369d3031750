package serve

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"kunskapsbanken/generator/internal/benchcorpus"
)

// BenchmarkSaveToReload measures, on the 10,000-page generated corpus, the
// time from saving a case study to the moment its page, open as a browser
// holds it (the event stream with the page's path, as reload.js opens it),
// is served with the new text: the reload event, then the page. Each edit
// is of another page; body adds a paragraph, title changes the title
// (which lists, related boxes and municipality pages show too). It
// reports the median and the 90th percentile of the edits, and the
// median of the update alone (Update.Elapsed). Between edits it waits for
// the search index the last one started, as an editor's pause would; the
// runs named -indexing then edit the page once more and time the next
// edit, saved while the index of that one is being built (from 0.2 to
// 1.7 s after it).
func BenchmarkSaveToReload(b *testing.B) {
	dir, pages := benchcorpus.Dir(b, repoRoot, 10000)
	originals := map[string][]byte{}
	b.Cleanup(func() { // after the server has stopped (cleanups run last first)
		for f, data := range originals {
			os.WriteFile(f, data, 0o644)
		}
	})

	last, updates, url := start(b, dir)
	var mu sync.Mutex
	go func() { // Run waits for no one: keep the last update for its figures
		for r := range updates {
			mu.Lock()
			last = r
			mu.Unlock()
		}
	}()
	next := 0 // every edit, of either kind, takes another page
	var runs []string
	for _, kind := range benchcorpus.Kinds {
		runs = append(runs, kind)
	}
	for _, kind := range benchcorpus.Kinds {
		runs = append(runs, kind+"-indexing")
	}
	for _, run := range runs {
		kind, indexing := strings.CutSuffix(run, "-indexing")
		b.Run(run, func(b *testing.B) {
			var times, work []time.Duration
			for i := 0; i < b.N; i++ {
				b.StopTimer()
				file := pages[(next*7919)%len(pages)] // spread over the corpus
				next++
				src, err := os.ReadFile(file)
				if err != nil {
					b.Fatal(err)
				}
				if _, ok := originals[file]; !ok {
					originals[file] = src
				}
				marker := fmt.Sprintf("kbbench%d", next)
				edited := benchcorpus.Edit(kind, string(src), marker)
				if edited == string(src) {
					b.Fatalf("%s: nothing to edit in %s", kind, file)
				}
				pagePath := "/fallstudier/" + strings.TrimSuffix(filepath.Base(file), ".md") + "/"
				mu.Lock()
				p := last.p
				mu.Unlock()
				p.WaitSearch() // the last edit's index, as after an editor's pause
				if indexing {
					// Another edit first, whose index is being built when
					// the edit timed is saved: at a point spread over the
					// build (its quiet wait, the copy of the graph, the
					// counting, the export), as an editor who saves again
					// within a second or two meets it.
					first := fmt.Sprintf("kbfirst%d", next)
					if err := os.WriteFile(file, []byte(benchcorpus.Edit(kind, string(src), first)), 0o644); err != nil {
						b.Fatal(err)
					}
					view := openPage(b, url, pagePath)
					for !strings.Contains(view.get(b), first) {
						view.reloaded(b)
					}
					view.close()
					time.Sleep(200*time.Millisecond + time.Duration(i*317%1500)*time.Millisecond)
				}
				view := openPage(b, url, pagePath)
				b.StartTimer()

				start := time.Now()
				if err := os.WriteFile(file, []byte(edited), 0o644); err != nil {
					b.Fatal(err)
				}
				for !strings.Contains(view.get(b), marker) {
					view.reloaded(b)
				}
				times = append(times, time.Since(start))

				b.StopTimer()
				view.close()
				mu.Lock()
				work = append(work, last.u.Elapsed)
				if i == b.N-1 {
					for _, st := range last.u.Stages {
						b.Logf("%-12s %6.1f ms", st.Name, float64(st.Time.Microseconds())/1000)
					}
				}
				mu.Unlock()
				b.StartTimer()
			}
			b.StopTimer()
			slices.Sort(times)
			slices.Sort(work)
			ms := func(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }
			b.ReportMetric(ms(times[len(times)/2]), "ms-median")
			b.ReportMetric(ms(times[(len(times)*9+9)/10-1]), "ms-p90")
			b.ReportMetric(ms(work[len(work)/2]), "ms-update-median")
		})
	}
}

// pageView is a page open as a browser has it open: loaded, and its event
// stream open with its path.
type pageView struct {
	url, path string
	cancel    func()
	events    *bufio.Reader
	build     string // the data of the last ok event
}

func openPage(b *testing.B, url, path string) *pageView {
	v := &pageView{url: url, path: path}
	v.get(b)
	ctx, cancel := context.WithCancel(context.Background())
	v.cancel = cancel
	req, _ := http.NewRequestWithContext(ctx, "GET", url+"__kb/events?path="+path, nil)
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		b.Fatal(err)
	}
	v.events = bufio.NewReader(res.Body)
	v.reloaded(b) // the state on connecting
	return v
}

// reloaded waits for the next ok event with another build than the last.
func (v *pageView) reloaded(b *testing.B) {
	for {
		var name, data string
		for {
			line, err := v.events.ReadString('\n')
			if err != nil {
				b.Fatalf("events: %v", err)
			}
			if line == "\n" {
				break
			}
			if n, ok := strings.CutPrefix(line, "event: "); ok {
				name = strings.TrimSpace(n)
			} else if d, ok := strings.CutPrefix(line, "data: "); ok {
				data = strings.TrimSpace(d)
			}
		}
		if name == "ok" && data != v.build {
			v.build = data
			return
		}
		// An error about the page edited may pass (a save caught half
		// written); any other means the corpus does not build (say, its
		// theme was copied over by a run from another checkout), and no
		// ok event will come.
		if name == "errors" && !strings.Contains(data, strings.Trim(v.path, "/")) {
			b.Fatalf("the preview reports errors: %s", data)
		}
	}
}

func (v *pageView) get(b *testing.B) string {
	res, err := http.Get(v.url + strings.TrimPrefix(v.path, "/"))
	if err != nil {
		b.Fatal(err)
	}
	defer res.Body.Close()
	body, err := io.ReadAll(res.Body)
	if err != nil || res.StatusCode != http.StatusOK {
		b.Fatalf("GET %s: %d %v", v.path, res.StatusCode, err)
	}
	return string(body)
}

func (v *pageView) close() { v.cancel() }
