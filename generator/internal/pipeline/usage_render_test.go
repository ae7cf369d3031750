package pipeline

import (
	"runtime"
	"strings"
	"sync"
	"testing"

	"kunskapsbanken/generator/internal/load"
	"kunskapsbanken/generator/internal/render"
	"kunskapsbanken/generator/internal/site"
)

// TestUsagePagesOneAtATime: the "Vem använder vad" pages, each a table of
// every case study (76 MB apiece at 100,000 pages), are rendered one at a
// time, while the other pages render beside them on every core. The write
// of the first waits until every other page is written; a second one
// arriving meanwhile is the failure, and releases it, so the test never
// hangs.
func TestUsagePagesOneAtATime(t *testing.T) {
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(4))
	fsys := baseProject(t)
	res, err := Run(Options{Root: fsys})
	if err != nil || res.Diags.HasErrors() {
		t.Fatalf("%v\n%v", err, res.Diags)
	}
	s := res.Site
	files, d := load.ReadTheme(fsys, s.Config.Theme, s.Config.ThemeLine, s.Config.ThemeCol)
	if d.HasErrors() {
		t.Fatal(d)
	}
	theme, d := loadTheme(files, s.Config)
	if d.HasErrors() {
		t.Fatal(d)
	}
	jobs := theme.Jobs(s, false)
	usage := 0
	for _, j := range jobs {
		if strings.HasPrefix(render.OutputPath(j), site.UsageURL) {
			usage++
		}
	}
	others := len(jobs) - usage
	if usage < 2 || others < 2 {
		t.Fatalf("%d usage pages and %d others: too few to tell", usage, others)
	}

	var mu sync.Mutex
	changed := sync.NewCond(&mu)
	active, written, overlap := 0, 0, false
	emit := func(path string, data []byte) error {
		mu.Lock()
		defer mu.Unlock()
		if !strings.HasPrefix(path, site.UsageURL) {
			written++
			changed.Broadcast()
			return nil
		}
		active++
		if active > 1 {
			overlap = true
			changed.Broadcast()
		}
		for written < others && !overlap {
			changed.Wait()
		}
		active--
		return nil
	}
	if err := theme.RenderPages(s, jobs, emit); err != nil {
		t.Fatal(err)
	}
	if overlap {
		t.Error("two usage pages were rendered at once")
	}
	if written != others {
		t.Errorf("%d other pages written, want %d", written, others)
	}
}
