package pipeline

import (
	"bytes"
	"context"
	"fmt"
	"image"
	"image/color"
	"image/jpeg"
	"image/png"
	"maps"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"

	"kunskapsbanken/generator/internal/render"
	"kunskapsbanken/generator/internal/search/index"
)

// repoProject is the repository's own project (settings, content, theme)
// as a MapFS the test can edit.
func repoProject(t *testing.T) fstest.MapFS {
	return fromRepo(t, "site.yaml", "content", "themes/default")
}

// sameAsFullBuild compares the preview's files with a full build of the
// same project, as kb build -drafts would write it.
func sameAsFullBuild(t *testing.T, step string, fsys fstest.MapFS, p *Preview) {
	t.Helper()
	out := filepath.Join(t.TempDir(), "public")
	res, err := Run(Options{Root: fsys, Out: out, Drafts: true, BaseURL: "/kb/"})
	if err != nil || !res.Published {
		t.Fatalf("%s: full build failed: %v %v", step, err, res.Diags)
	}
	want := snapshot(t, out)
	p.WaitSearch()
	got, err := p.Files()
	if err != nil {
		t.Fatalf("%s: %v", step, err)
	}
	for path, data := range want {
		if g, ok := got[path]; !ok {
			t.Errorf("%s: the preview lacks %s", step, path)
		} else if string(g) != data {
			t.Errorf("%s: the preview's %s differs from a full build's", step, path)
		}
	}
	for path := range got {
		if _, ok := want[path]; !ok {
			t.Errorf("%s: the preview has %s, which a full build does not", step, path)
		}
	}
}

// testImage is a w×h image in format (png or jpeg); shade varies its
// colours, so that images of one size can differ.
func testImage(t *testing.T, format string, w, h, shade int) *fstest.MapFile {
	t.Helper()
	m := image.NewRGBA(image.Rect(0, 0, w, h))
	for y := 0; y < h; y++ {
		for x := 0; x < w; x++ {
			m.SetRGBA(x, y, color.RGBA{uint8(x + 40*shade), uint8(y), 200, 255})
		}
	}
	var b bytes.Buffer
	var err error
	if format == "png" {
		err = png.Encode(&b, m)
	} else {
		err = jpeg.Encode(&b, m, nil)
	}
	if err != nil {
		t.Fatal(err)
	}
	return &fstest.MapFile{Data: b.Bytes()}
}

func edit(fsys fstest.MapFS, path, old, new string) {
	f := fsys[path]
	if !strings.Contains(string(f.Data), old) {
		panic(fmt.Sprintf("%s does not contain %q", path, old))
	}
	fsys[path] = &fstest.MapFile{Data: []byte(strings.Replace(string(f.Data), old, new, 1))}
}

// TestPreviewMatchesFullBuild drives the preview through the edits editors
// make and checks after each that it serves exactly what a full build
// writes, and that small edits render few pages.
func TestPreviewMatchesFullBuild(t *testing.T) {
	fsys := repoProject(t)
	p := NewPreview(Options{Root: fsys, BaseURL: "/kb/"})
	u, err := p.Update(nil)
	if err != nil || !u.Published {
		t.Fatalf("first update: %v %v", err, u.Diags)
	}
	sameAsFullBuild(t, "first", fsys, p)

	lund := "content/fallstudier/lund-digitala-las.md"
	page := func(title, municipality, body string) *fstest.MapFile {
		return &fstest.MapFile{Data: []byte("---\ntitle: \"" + title + "\"\nsummary: \"S.\"\nmunicipality: " + municipality + "\nareas: [digitala-las]\nstatus: pilot\npublished: 2024-01-01\n---\n\n" + body + "\n")}
	}
	steps := []struct {
		name      string
		change    func() []string
		published bool
		maxPages  int // output pages rendered at most; 0: no limit
	}{
		{"body text", func() []string {
			edit(fsys, lund, "## ", "## Ny rubrik\n\nMer text.\n\n## ")
			return []string{lund}
		}, true, 3},
		{"body links to another page (its backlinks)", func() []string {
			edit(fsys, lund, "## ", "Se [om kunskapsbanken](../sidor/om.md).\n\n## ")
			return []string{lund}
		}, true, 0},
		{"that link removed", func() []string {
			edit(fsys, lund, "Se [om kunskapsbanken](../sidor/om.md).\n\n", "")
			return []string{lund}
		}, true, 0},
		{"title", func() []string {
			edit(fsys, lund, "title: ", "title: \"Ny titel\"\ntitle_old: ")
			edit(fsys, lund, "title_old: ", "# ")
			return []string{lund}
		}, true, 0},
		{"areas", func() []string { edit(fsys, lund, "areas: [", "areas: [smarta-hem, "); return []string{lund} }, true, 0},
		{"municipality", func() []string { edit(fsys, lund, "municipality: Lund", "municipality: Malmö"); return []string{lund} }, true, 0},
		{"new page linking to another", func() []string {
			fsys["content/fallstudier/ny-sida.md"] = page("Ny sida", "Kiruna", "Se [Lund](lund-digitala-las.md).")
			return []string{"content/fallstudier/ny-sida.md"}
		}, true, 0},
		{"link to a page that does not exist yet", func() []string {
			edit(fsys, "content/fallstudier/ny-sida.md", "Se [", "Se [kommande](kommande.md) och [")
			return []string{"content/fallstudier/ny-sida.md"}
		}, false, 0},
		{"the missing page is created", func() []string {
			fsys["content/fallstudier/kommande.md"] = page("Kommande", "Umeå", "Text.")
			return []string{"content/fallstudier/kommande.md"}
		}, true, 0},
		{"a linked page is deleted", func() []string {
			delete(fsys, "content/fallstudier/kommande.md")
			return []string{"content/fallstudier/kommande.md"}
		}, false, 0},
		{"the link is removed", func() []string {
			edit(fsys, "content/fallstudier/ny-sida.md", "[kommande](kommande.md) och ", "")
			return []string{"content/fallstudier/ny-sida.md"}
		}, true, 0},
		{"rename", func() []string {
			fsys["content/fallstudier/ny-sida-2.md"] = fsys["content/fallstudier/ny-sida.md"]
			delete(fsys, "content/fallstudier/ny-sida.md")
			return []string{"content/fallstudier/ny-sida.md", "content/fallstudier/ny-sida-2.md"}
		}, true, 0},
		{"bundle with an image", func() []string {
			fsys["content/fallstudier/paket/index.md"] = page("Paket", "Lund", "![En bricka](bricka.png)\n\n![Ett foto](foto.jpg)")
			fsys["content/fallstudier/paket/bricka.png"] = testImage(t, "png", 1000, 500, 0)
			fsys["content/fallstudier/paket/foto.jpg"] = testImage(t, "jpeg", 1500, 200, 0)
			return []string{"content/fallstudier/paket"}
		}, true, 0},
		{"image replaced", func() []string {
			fsys["content/fallstudier/paket/bricka.png"] = testImage(t, "png", 1000, 500, 1)
			return []string{"content/fallstudier/paket/bricka.png"}
		}, true, 1},
		{"another page shows the image", func() []string {
			edit(fsys, "content/fallstudier/ny-sida-2.md", "Se [", "![Brickan](paket/bricka.png)\n\nSe [")
			return []string{"content/fallstudier/ny-sida-2.md"}
		}, true, 0},
		{"image replaced by a larger one (both pages show its new size)", func() []string {
			fsys["content/fallstudier/paket/bricka.png"] = testImage(t, "png", 1600, 400, 2)
			return []string{"content/fallstudier/paket/bricka.png"}
		}, true, 2},
		{"image replaced by a narrow one (no copies)", func() []string {
			fsys["content/fallstudier/paket/bricka.png"] = testImage(t, "png", 400, 300, 2)
			return []string{"content/fallstudier/paket/bricka.png"}
		}, true, 2},
		{"image that cannot be read (a warning)", func() []string {
			fsys["content/fallstudier/paket/bricka.png"] = &fstest.MapFile{Data: []byte("PNG")}
			return []string{"content/fallstudier/paket/bricka.png"}
		}, true, 2},
		{"image deleted", func() []string {
			delete(fsys, "content/fallstudier/paket/bricka.png")
			return []string{"content/fallstudier/paket/bricka.png"}
		}, false, 0},
		{"image back", func() []string {
			fsys["content/fallstudier/paket/bricka.png"] = testImage(t, "png", 1000, 500, 3)
			return []string{"content/fallstudier/paket/bricka.png"}
		}, true, 2},
		{"a file with a copy's name (an error)", func() []string {
			fsys["content/fallstudier/paket/foto-960w.jpg"] = testImage(t, "jpeg", 600, 80, 1)
			return []string{"content/fallstudier/paket/foto-960w.jpg"}
		}, false, 0},
		{"that file removed", func() []string {
			delete(fsys, "content/fallstudier/paket/foto-960w.jpg")
			return []string{"content/fallstudier/paket/foto-960w.jpg"}
		}, true, 1},
		{"the bundle's folder renamed", func() []string {
			for _, name := range []string{"index.md", "bricka.png", "foto.jpg"} {
				fsys["content/fallstudier/paket-2/"+name] = fsys["content/fallstudier/paket/"+name]
				delete(fsys, "content/fallstudier/paket/"+name)
			}
			edit(fsys, "content/fallstudier/ny-sida-2.md", "paket/bricka.png", "paket-2/bricka.png")
			return []string{"content/fallstudier/paket", "content/fallstudier/paket-2", "content/fallstudier/ny-sida-2.md"}
		}, true, 0},
		{"draft", func() []string {
			edit(fsys, "content/fallstudier/paket-2/index.md", "status: pilot", "status: pilot\ndraft: true")
			return []string{"content/fallstudier/paket-2/index.md"}
		}, true, 0},
		{"municipality profile", func() []string {
			edit(fsys, "content/kommuner/lund.md", "---\n\n", "---\n\nNytt stycke först.\n\n")
			return []string{"content/kommuner/lund.md"}
		}, true, 2},
		{"initiative title", func() []string {
			edit(fsys, "content/initiativ/modellkommuner-aldreomsorg.md", "title: ", "title: \"Nytt namn\"\nx: ")
			edit(fsys, "content/initiativ/modellkommuner-aldreomsorg.md", "x: ", "# ")
			return []string{"content/initiativ/modellkommuner-aldreomsorg.md"}
		}, true, 0},
		{"free page title (footer of every page)", func() []string {
			edit(fsys, "content/sidor/om.md", "title: ", "title: \"Om oss\"\nx: ")
			edit(fsys, "content/sidor/om.md", "x: ", "# ")
			return []string{"content/sidor/om.md"}
		}, true, 0},
		{"area label", func() []string {
			edit(fsys, "content/omraden.yaml", "label: Digitala lås", "label: Digitala lås och nycklar")
			return []string{"content/omraden.yaml"}
		}, true, 0},
		{"site title", func() []string { edit(fsys, "site.yaml", "title: ", "title: Ny "); return []string{"site.yaml"} }, true, 0},
		{"stylesheet", func() []string {
			edit(fsys, "themes/default/static/style.css", "body {", "body { letter-spacing: 0;")
			return []string{"themes/default/static/style.css"}
		}, true, 0},
		{"nothing", func() []string { return []string{lund} }, true, 0},
	}
	lundPage := "fallstudier/lund-digitala-las/index.html" // in view throughout
	for _, st := range steps {
		changed := st.change()
		u, err := p.Update(changed, lundPage)
		if err != nil {
			t.Fatalf("%s: %v", st.name, err)
		}
		if u.Published != st.published {
			t.Fatalf("%s: published = %v, want %v; messages: %v", st.name, u.Published, st.published, u.Diags)
		}
		if u.Published {
			sameAsFullBuild(t, st.name, fsys, p) // every page brought up to date, rendered on request if it changed
		}
		t.Logf("%-40s published=%v full=%v rendered=%d, on request %d, removed=%d in %v", st.name, u.Published, u.Full, u.Rendered, p.late, len(u.Removed), u.Elapsed)
		if st.maxPages > 0 && u.Rendered+p.late > st.maxPages {
			t.Errorf("%s: rendered %d pages and %d on request, want at most %d", st.name, u.Rendered, p.late, st.maxPages)
		}
	}
}

// TestPreviewBodyEdits: an edit of a body alone patches the graph of the
// last update rather than assembling another, and skips the walk of
// content/ when the watcher named only pages; an edit that fails leaves
// the last good site as it was, pages rendered on request included.
func TestPreviewBodyEdits(t *testing.T) {
	fsys := repoProject(t)
	p := NewPreview(Options{Root: fsys, BaseURL: "/kb/"})
	if u, err := p.Update(nil); err != nil || !u.Published {
		t.Fatalf("first update: %v %v", err, u.Diags)
	}
	inView := "fallstudier/lund-digitala-las/index.html"
	other, otherPage := "content/fallstudier/lund-positioneringslarm.md", "fallstudier/lund-positioneringslarm/index.html"

	// A body edit of a page not in view, which now links to the page in
	// view: that page is rendered, the one edited only when asked for.
	graph := p.site
	edit(fsys, other, "\n## ", "\nSe [låsen](lund-digitala-las.md).\n\n## ")
	if u, err := p.Update([]string{other}, inView); err != nil || !u.Published {
		t.Fatalf("body edit: %v %v", err, u.Diags)
	}
	if p.site != graph {
		t.Error("a body edit assembled a new graph; want the last one patched")
	}
	good := maps.Clone(fsys)

	// Another body edit of that page, with a link to nothing: an error.
	// A file nobody named appears too, which is not a page: the walk is
	// skipped, so the update does not see it (the watcher names every
	// file that appears).
	edit(fsys, other, "Se [låsen]", "Se [inget](finns-inte.md) och [låsen]")
	fsys["content/sidor/onamnd.md"] = &fstest.MapFile{Data: []byte("Ingen front matter.\n")}
	u, err := p.Update([]string{other}, inView)
	if err != nil || u.Published || !u.Diags.HasErrors() {
		t.Fatalf("body edit with a broken link: published %v, %v %v", u.Published, err, u.Diags)
	}
	for _, d := range u.Diags {
		if strings.Contains(d.Path, "onamnd") {
			t.Errorf("the walk was not skipped: %v", d)
		}
	}
	// The page edited, never asked for since the first edit, is the
	// first edit's when asked for now, and so is everything else.
	sameAsFullBuild(t, "after a failed body edit", good, p)

	// Fixed: published, and the next update assembles again.
	edit(fsys, other, "Se [inget](finns-inte.md) och ", "Se ")
	delete(fsys, "content/sidor/onamnd.md")
	if u, err := p.Update([]string{other, "content/sidor/onamnd.md"}, otherPage); err != nil || !u.Published {
		t.Fatalf("fixed: %v %v", err, u.Diags)
	}
	if p.site == graph {
		t.Error("the update after a failed one patched the graph it put back; want a new one")
	}
	sameAsFullBuild(t, "fixed", fsys, p)
}

// TestPreviewInViewFirst: after a title edit, the page in view is rendered
// before the update is published; the other pages that show the title are
// not, and each is rendered when it is asked for, with a full build's
// bytes.
func TestPreviewInViewFirst(t *testing.T) {
	fsys := repoProject(t)
	p := NewPreview(Options{Root: fsys, BaseURL: "/kb/"})
	if u, err := p.Update(nil); err != nil || !u.Published {
		t.Fatalf("first update: %v %v", err, u.Diags)
	}
	lund, inView := "content/fallstudier/lund-digitala-las.md", "fallstudier/lund-digitala-las/index.html"
	edit(fsys, lund, "title: ", "title: \"Nya lås i Lund\"\nx: ")
	edit(fsys, lund, "x: ", "# ")
	u, err := p.Update([]string{lund}, inView)
	if err != nil || !u.Published {
		t.Fatalf("title edit: %v %v", err, u.Diags)
	}
	if u.Rendered != 1 {
		t.Errorf("rendered %d pages before publishing, want only the page in view", u.Rendered)
	}
	out := filepath.Join(t.TempDir(), "public")
	if res, err := Run(Options{Root: fsys, Out: out, Drafts: true, BaseURL: "/kb/"}); err != nil || !res.Published {
		t.Fatalf("full build: %v", err)
	}
	want := snapshot(t, out)
	p.smu.RLock()
	published := string(p.out[inView])
	p.smu.RUnlock()
	if published != want[inView] || !strings.Contains(published, "Nya lås i Lund") {
		t.Errorf("the page in view was not published with the new title")
	}
	// Pages that show the title too, still as they were until asked for.
	stale := []string{"fallstudier/index.html", "kommuner/lund/index.html", "omraden/digitala-las/index.html", "vem-anvander-vad/index.html", "vem-anvander-vad/leverantor/index.html"}
	for _, path := range stale {
		p.smu.RLock()
		before, current := string(p.out[path]), p.current(path)
		p.smu.RUnlock()
		if current || strings.Contains(before, "Nya lås i Lund") {
			t.Errorf("%s: rendered before it was asked for", path)
		}
		got, ok, err := p.File(path)
		if err != nil || !ok || string(got) != want[path] || !strings.Contains(string(got), "Nya lås i Lund") {
			t.Errorf("%s asked for: %v %v, not the full build's bytes", path, ok, err)
		}
	}
	if p.late != len(stale) {
		t.Errorf("%d pages rendered on request, want %d", p.late, len(stale))
	}
	// A page the edit does not touch is checked, not rendered.
	if _, _, err := p.File("sidor/om/index.html"); err != nil || p.late != len(stale) {
		t.Errorf("an unchanged page asked for: %v, %d rendered on request", err, p.late)
	}
}

// TestPreviewSearchBeforeIndex: until the index of an update is built, a
// search gets the last one, whole; then the new one.
func TestPreviewSearchBeforeIndex(t *testing.T) {
	fsys := repoProject(t)
	p := NewPreview(Options{Root: fsys, BaseURL: "/kb/"})
	if u, err := p.Update(nil); err != nil || !u.Published {
		t.Fatalf("first update: %v %v", err, u.Diags)
	}
	p.WaitSearch()
	before, err := p.Files()
	if err != nil {
		t.Fatal(err)
	}
	started, release := make(chan bool), make(chan bool)
	p.beforeSearch = func(context.Context) { started <- true; <-release }

	lund := "content/fallstudier/lund-digitala-las.md"
	edit(fsys, lund, "## ", "Ett ord som är nytt: fjärrtillsynsplattform.\n\n## ")
	if u, err := p.Update([]string{lund}); err != nil || !u.Published {
		t.Fatalf("edit: %v %v", err, u.Diags)
	}
	<-started // the index is being built, and not yet served
	during, err := p.Files()
	if err != nil {
		t.Fatal(err)
	}
	for path, data := range before {
		if strings.HasPrefix(path, "sok/") || strings.HasPrefix(path, "assets/sok/") {
			if string(during[path]) != string(data) {
				t.Errorf("%s changed before the new index was ready", path)
			}
		}
	}
	if got, _, _ := p.File("fallstudier/lund-digitala-las/index.html"); !strings.Contains(string(got), "fjärrtillsynsplattform") {
		t.Error("the page waited for the index")
	}
	close(release)
	sameAsFullBuild(t, "after the index", fsys, p)
	if after, _, _ := p.File("sok/manifest.json"); string(after) == string(before["sok/manifest.json"]) {
		t.Error("the new index was never served")
	}
}

// TestPreviewSearchStopped: an update stops the search index's build
// under way, so that the two do not share the cores. The stopped build
// serves nothing: the last index stays served until the build the update
// starts when it ends, for the site it leaves served, is done: the new
// site after an update that is published, the same site after one that
// fails.
func TestPreviewSearchStopped(t *testing.T) {
	fsys := repoProject(t)
	p := NewPreview(Options{Root: fsys, BaseURL: "/kb/"})
	if u, err := p.Update(nil); err != nil || !u.Published {
		t.Fatalf("first update: %v %v", err, u.Diags)
	}
	p.WaitSearch()
	manifest := func() string {
		data, _, _ := p.File(index.ManifestPath)
		return string(data)
	}
	first := manifest()
	started, release, ended := make(chan bool), make(chan bool), make(chan bool)
	var held context.Context // the build held before it starts
	p.beforeSearch = func(ctx context.Context) { held = ctx; started <- true; <-release }
	p.afterSearch = func(served bool) { ended <- served }
	// update publishes an edit of lund, or fails to, while the index of
	// the last one is held before it is built. The update stops that
	// build before it waits for mu (held here until then); the build goes
	// on once the update is done, and must serve nothing.
	lund := "content/fallstudier/lund-digitala-las.md"
	update := func(step, old, new string, published bool) {
		t.Helper()
		<-started
		edit(fsys, lund, old, new)
		type result struct {
			u   *Update
			err error
		}
		done := make(chan result)
		p.mu.Lock()
		go func() {
			u, err := p.Update([]string{lund})
			done <- result{u, err}
		}()
		<-held.Done()
		p.mu.Unlock()
		if r := <-done; r.err != nil || r.u.Published != published {
			t.Fatalf("%s: published %v, want %v: %v %v", step, r.u.Published, published, r.err, r.u.Diags)
		}
		release <- true
		if <-ended {
			t.Fatalf("%s: the index of the site before was served after the update stopped its build", step)
		}
		if got := manifest(); got != first {
			t.Fatalf("%s: the index served changed before a build was done", step)
		}
	}
	// built lets the build under way through, which must serve its index.
	built := func(step string) {
		t.Helper()
		<-started
		release <- true
		if !<-ended {
			t.Fatalf("%s: the last build was not served", step)
		}
	}

	edit(fsys, lund, "## ", "Ett ord som är nytt: fjärrtillsynsplattform.\n\n## ")
	if u, err := p.Update([]string{lund}); err != nil || !u.Published {
		t.Fatalf("edit: %v %v", err, u.Diags)
	}
	update("a second edit", "fjärrtillsynsplattform.", "fjärrtillsynsplattform och nyckelfri.", true)
	built("a second edit")
	sameAsFullBuild(t, "after the build a second edit stopped", fsys, p)
	first = manifest()

	edit(fsys, lund, "nyckelfri.", "nyckelfri, med larmkedja.")
	good := maps.Clone(fsys)
	if u, err := p.Update([]string{lund}); err != nil || !u.Published {
		t.Fatalf("a third edit: %v %v", err, u.Diags)
	}
	update("a failed edit", "larmkedja.", "larmkedja och [inget](finns-inte.md).", false)
	built("a failed edit")
	sameAsFullBuild(t, "after the build a failed edit stopped", good, p)
	if manifest() == first {
		t.Error("the third edit's index was never served")
	}
}

// TestPreviewTitleEdits: an edit of a case study's title or summary
// patches the last graph (its lists sorted again) instead of assembling a
// new one, and every page that shows the page, the "Vem använder vad"
// pages, the feed and the sitemap, each asked for on its own, are then a
// full build's bytes; so is everything after a title edit that moves the
// page in its lists, after one that fails, and after an edit of an area,
// which assembles the graph again.
func TestPreviewTitleEdits(t *testing.T) {
	fsys := repoProject(t)
	p := NewPreview(Options{Root: fsys, BaseURL: "/kb/"})
	if u, err := p.Update(nil); err != nil || !u.Published {
		t.Fatalf("first update: %v %v", err, u.Diags)
	}
	plan := "content/fallstudier/lund-modellkommun-fardplan.md" // in eight areas; links to lund-digitala-las
	inView := "fallstudier/lund-modellkommun-fardplan/index.html"
	graph := p.site
	askFor := func(step string, want map[string]string, paths ...string) {
		t.Helper()
		for _, path := range paths {
			got, ok, err := p.File(path)
			if err != nil || !ok || string(got) != want[path] {
				t.Errorf("%s: %s asked for: %v %v, not the full build's bytes", step, path, ok, err)
			}
		}
	}
	fullBuild := func(step string) map[string]string {
		t.Helper()
		out := filepath.Join(t.TempDir(), "public")
		if res, err := Run(Options{Root: fsys, Out: out, Drafts: true, BaseURL: "/kb/"}); err != nil || !res.Published {
			t.Fatalf("%s: full build: %v", step, err)
		}
		return snapshot(t, out)
	}
	shows := []string{"fallstudier/index.html", "kommuner/lund/index.html", "lan/skane-lan/index.html", "omraden/digitala-las/index.html",
		"omraden/vr/index.html", "status/planned/index.html", "fallstudier/lund-digitala-las/index.html",
		"vem-anvander-vad/index.html", "vem-anvander-vad/kommun/index.html", "vem-anvander-vad/status/index.html",
		"vem-anvander-vad/leverantor/index.html", "vem-anvander-vad/upphandling/index.html", "vem-anvander-vad/ar/index.html",
		"fallstudier/atom.xml", "sitemap.xml", "data/fallstudier.json", "data/fallstudier.csv"}

	steps := []struct {
		name, old, new string
		patched        bool
	}{
		// Sorted first among the pages of its date, then last: it moves
		// in every list, in the backlinks of the page it links to and in
		// the rows of its areas.
		{"a title edit that sorts first", "title: \"Lunds", "title: \"AAA Lunds", true},
		{"a title edit that sorts last", "title: \"AAA Lunds", "title: \"Östra Lunds", true},
		{"a summary edit", "summary: \"", "summary: \"Ändrad. ", true},
		{"an edit of its areas", "areas: [digitala-las, ", "areas: [", false},
	}
	for _, st := range steps {
		edit(fsys, plan, st.old, st.new)
		u, err := p.Update([]string{plan}, inView)
		if err != nil || !u.Published {
			t.Fatalf("%s: %v %v", st.name, err, u.Diags)
		}
		if patched := p.site == graph; patched != st.patched {
			t.Errorf("%s: graph patched %v, want %v", st.name, patched, st.patched)
		}
		graph = p.site
		if u.Rendered != 1 {
			t.Errorf("%s: rendered %d pages before publishing, want the page in view", st.name, u.Rendered)
		}
		want := fullBuild(st.name)
		askFor(st.name, want, append([]string{inView}, shows...)...)
		sameAsFullBuild(t, st.name, fsys, p)
	}

	// A title edit with a link to nothing fails: the last good site stays,
	// pages asked for later too, and the next update assembles again.
	good := maps.Clone(fsys)
	want := fullBuild("before the failed edit")
	edit(fsys, plan, "title: \"Östra Lunds", "title: \"Mellersta Lunds")
	edit(fsys, plan, "\n## ", "\nSe [inget](finns-inte.md).\n\n## ")
	if u, err := p.Update([]string{plan}, inView); err != nil || u.Published {
		t.Fatalf("a failed title edit: published %v, %v", u.Published, err)
	}
	askFor("after a failed title edit", want, shows...)
	sameAsFullBuild(t, "after a failed title edit", good, p)
	edit(fsys, plan, "\nSe [inget](finns-inte.md).\n", "\n")
	if u, err := p.Update([]string{plan}, inView); err != nil || !u.Published {
		t.Fatalf("fixed: %v %v", err, u.Diags)
	}
	if p.site == graph {
		t.Error("the update after a failed one patched the graph it put back; want a new one")
	}
	sameAsFullBuild(t, "fixed", fsys, p)
}

// TestPreviewDropsDataNoLongerWritten: when the data files are made again,
// one the site no longer has (a sitemap part of a site that shrank below
// 50,000 pages, the DCAT file of one that stopped naming a publisher) is
// gone from the preview, as it is from a full build's output.
func TestPreviewDropsDataNoLongerWritten(t *testing.T) {
	fsys := repoProject(t)
	p := NewPreview(Options{Root: fsys, BaseURL: "/kb/"})
	if u, err := p.Update(nil); err != nil || !u.Published {
		t.Fatalf("first update: %v %v", err, u.Diags)
	}
	p.WaitSearch()
	stale := []string{render.SitemapPart(2), render.DCATPath}
	p.smu.Lock()
	for _, path := range stale {
		p.out[path] = []byte("stale")
	}
	p.smu.Unlock()
	lund := "content/fallstudier/lund-digitala-las.md"
	edit(fsys, lund, `summary: "Lund har`, `summary: "Staden Lund har`) // in the open data: the data files are made again
	if u, err := p.Update([]string{lund}); err != nil || !u.Published {
		t.Fatalf("summary edit: %v %v", err, u.Diags)
	}
	sameAsFullBuild(t, "summary edit", fsys, p) // fails on a stale file
}
