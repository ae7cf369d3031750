package pipeline

import (
	"fmt"
	"path/filepath"
	"regexp"
	"runtime"
	"slices"
	"strings"
	"sync"
	"testing"
	"testing/fstest"

	"kunskapsbanken/generator/internal/load"
	"kunskapsbanken/generator/internal/render"
	"kunskapsbanken/generator/internal/site"
)

// TestUsagePagesOneAtATime: the "Vem använder vad" pages, the table of
// every case study in each order, are rendered one at a time, while the
// other pages render beside them on every core. The write
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

// TestUsageTableInPages: a table of more rows than tableSize is split into
// pages of that many in every order, whose rows, page after page, are the
// rows of the same order on one page; the pages link to each other, carry
// no ranks and leave the script out (data-usage), which sorts only a whole
// table in place; the sitemap lists them. A table that fits keeps both.
func TestUsageTableInPages(t *testing.T) {
	rowRe := regexp.MustCompile(`<tr(?: [^>]*)?><td>.*?</td><td>.*?</td><td><a href="?([^" >]+)`)
	rows := func(page string) []string {
		var out []string
		for _, m := range rowRe.FindAllStringSubmatch(page, -1) {
			out = append(out, m[1])
		}
		return out
	}
	build := func(tableSize string) map[string]string {
		fsys, _, _ := archive(t, "testdata/golden.txtar")
		if tableSize != "" {
			yaml := append(slices.Clone(fsys["site.yaml"].Data), "tableSize: "+tableSize+"\n"...)
			fsys["site.yaml"] = &fstest.MapFile{Data: yaml}
		}
		out := filepath.Join(t.TempDir(), "public")
		mustBuild(t, Options{Root: fsys, Out: out})
		return snapshot(t, out)
	}
	whole, paged := build(""), build("3")
	orders := []string{"", "kommun/", "status/", "leverantor/", "upphandling/", "ar/"}
	for _, order := range orders {
		url := site.UsageURL + order
		one := whole[url+"index.html"]
		want := rows(one)
		if len(want) != 4 {
			t.Fatalf("%s has %d rows; the test needs the golden site's 4", url, len(want))
		}
		if !strings.Contains(one, "data-usage") || !strings.Contains(one, "data-ranks") || strings.Contains(one, `rel="next"`) {
			t.Errorf("%s, a table on one page, lacks data-usage or data-ranks, or has a next page", url)
		}
		first, second := paged[url+"index.html"], paged[url+"sida/2/index.html"]
		if _, ok := paged[url+"sida/3/index.html"]; ok {
			t.Errorf("%ssida/3/ was written: 4 rows in pages of 3 make two pages", url)
		}
		if got := append(rows(first), rows(second)...); !slices.Equal(got, want) || len(rows(first)) != 3 {
			t.Errorf("%s in pages of 3 lists %v then %v; want the one page's %v, 3 on the first", url, rows(first), rows(second), want)
		}
		for _, p := range []string{first, second} {
			if strings.Contains(p, "data-usage") || strings.Contains(p, "data-ranks") {
				t.Errorf("%s: a page of a table in pages has data-usage or data-ranks", url)
			}
		}
		if !strings.Contains(first, `href="/kb/`+url+`sida/2/" rel="next"`) || !strings.Contains(second, `href="/kb/`+url+`" rel="prev"`) {
			t.Errorf("%s: the two pages do not link to each other", url)
		}
		if !strings.Contains(second, "<title>Vem använder vad, sida 2") || !strings.Contains(second, "Visar 4–4.") {
			t.Errorf("%ssida/2/ lacks its title or which rows it shows", url)
		}
		if !strings.Contains(paged["sitemap.xml"], "https://example.org/kb/"+url+"sida/2/") {
			t.Errorf("the sitemap does not list %ssida/2/", url)
		}
		if strings.Contains(one, `class="jump"`) {
			t.Errorf("%s, a table on one page, has a jump list", url)
		}
		for i, p := range []string{first, second} {
			want := fmt.Sprintf(`<li><a href="/kb/%s">Sida 1: `, url)
			if i == 0 {
				want = fmt.Sprintf(`<li><a href="/kb/%s" aria-current="page">Sida 1: `, url)
			}
			if jump := jumpList(p); len(jump) != 2 || !strings.HasPrefix(jump[0], want) || !strings.Contains(jump[1], `href="/kb/`+url+`sida/2/"`) || strings.Contains(jump[1], "aria-current") != (i == 1) {
				t.Errorf("%s page %d: jump list %q; want its two pages, page %d current", url, i+1, jump, i+1)
			}
		}
	}
	// By municipality, each page is named by its first and last rows' municipality.
	places := func(page string) []string {
		var out []string
		for _, m := range placeRe.FindAllStringSubmatch(page, -1) {
			out = append(out, m[1])
		}
		return out
	}
	url := site.UsageURL + "kommun/"
	p1, p2 := places(paged[url+"index.html"]), places(paged[url+"sida/2/index.html"])
	if len(p1) != 3 || len(p2) != 1 {
		t.Fatalf("places %v and %v; want 3 and 1", p1, p2)
	}
	label := func(from, to string) string {
		if from == to {
			return from
		}
		return from + " – " + to
	}
	jump := jumpList(paged[url+"index.html"])
	if len(jump) != 2 || !strings.HasSuffix(jump[0], "Sida 1: "+label(p1[0], p1[2])+"</a></li>") || !strings.HasSuffix(jump[1], "Sida 2: "+p2[0]+"</a></li>") {
		t.Errorf("jump list by municipality %q; want pages named %q and %q", jump, label(p1[0], p1[2]), p2[0])
	}
}

// placeRe finds a row's municipality (or region) in "Vem använder vad".
var placeRe = regexp.MustCompile(`<tr(?: [^>]*)?><td>.*?</td><td>(?:<a [^>]*>)?([^<]*)`)

// jumpList is the items of a page's jump list (the pages of a table in
// pages), as HTML.
func jumpList(page string) []string {
	start := strings.Index(page, `<details class="jump">`)
	if start < 0 {
		return nil
	}
	end := strings.Index(page[start:], "</details>")
	return regexp.MustCompile(`<li>.*?</li>`).FindAllString(page[start:start+end], -1)
}

// TestPreviewUsageInPages: with "Vem använder vad" in pages (the
// repository's rows in pages of 7), the preview equals a full build after
// edits that move rows between pages (a title, a status), add a page of
// the table (seven new rows) and take it away again.
func TestPreviewUsageInPages(t *testing.T) {
	const size = 7
	fsys := repoProject(t)
	edit(fsys, "site.yaml", "pageSize: 20\n", "pageSize: 20\ntableSize: 7\n")
	p := NewPreview(Options{Root: fsys, BaseURL: "/kb/"})
	if u, err := p.Update(nil); err != nil || !u.Published {
		t.Fatalf("first update: %v %v", err, u.Diags)
	}
	sameAsFullBuild(t, "first", fsys, p)
	table := func() (pages, rows int) { // the table by municipality
		files, err := p.Files()
		if err != nil {
			t.Fatal(err)
		}
		for path, data := range files {
			if strings.HasPrefix(path, site.UsageURL+"kommun/") {
				pages++
				rows += strings.Count(string(data), "<tr><td>")
			}
		}
		return pages, rows
	}
	pages0, rows0 := table()
	if pages0 < 2 || pages0 != (rows0+size-1)/size {
		t.Fatalf("the table by municipality has %d rows in %d pages; the test wants them in pages of %d, two or more", rows0, pages0, size)
	}
	lund := "content/fallstudier/lund-digitala-las.md"
	var added []string
	for i := range size {
		added = append(added, fmt.Sprintf("content/fallstudier/aaa-ny-%d.md", i))
	}
	steps := []struct {
		name    string
		changed []string
		change  func()
		rows    int
	}{
		{"title", []string{lund}, func() { edit(fsys, lund, `title: "Digitala lås`, `title: "Aaa digitala lås`) }, rows0},
		{"status", []string{lund}, func() { edit(fsys, lund, "status: implemented", "status: planned") }, rows0},
		{"a page more of rows", added, func() {
			for i, path := range added {
				fsys[path] = &fstest.MapFile{Data: []byte(fmt.Sprintf("---\ntitle: \"Aaa ny %d\"\nsummary: \"S.\"\nmunicipality: Alingsås\nareas: [digitala-las]\nstatus: pilot\npublished: 2024-01-01\n---\n\nText.\n", i))}
			}
		}, rows0 + size},
		{"those rows taken away", added, func() {
			for _, path := range added {
				delete(fsys, path)
			}
		}, rows0},
	}
	for _, st := range steps {
		st.change()
		if u, err := p.Update(st.changed, site.UsageURL+"kommun/index.html"); err != nil || !u.Published {
			t.Fatalf("%s: %v %v", st.name, err, u.Diags)
		}
		sameAsFullBuild(t, st.name, fsys, p)
		if pages, rows := table(); rows != st.rows || pages != (st.rows+size-1)/size {
			t.Errorf("%s: the table by municipality has %d rows in %d pages, want %d in pages of %d", st.name, rows, pages, st.rows, size)
		}
	}
}
