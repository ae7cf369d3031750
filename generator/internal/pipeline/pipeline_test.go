package pipeline

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"encoding/xml"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"golang.org/x/net/html"
	"golang.org/x/text/unicode/norm"

	"kunskapsbanken/generator/internal/output"
)

// snapshot reads every file of the site under dir: path → bytes. The
// marker output writes into the folder is not part of the site.
func snapshot(t *testing.T, dir string) map[string]string {
	t.Helper()
	out := map[string]string{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || d.Name() == output.Marker {
			return err
		}
		data, err := os.ReadFile(p)
		rel, _ := filepath.Rel(dir, p)
		out[filepath.ToSlash(rel)] = string(data)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func mustBuild(t *testing.T, opts Options) *Result {
	t.Helper()
	res, err := Run(opts)
	if err != nil {
		t.Fatal(err)
	}
	if res.Diags.HasErrors() || !res.Published {
		var b strings.Builder
		res.Diags.WriteText(&b)
		t.Fatalf("build failed:\n%s", b.String())
	}
	return res
}

// validProject is the base project with the pages of testdata/check/valid.txtar.
func validProject(t *testing.T) fstest.MapFS {
	fsys, _, _ := archive(t, "testdata/check/valid.txtar")
	return fsys
}

// TestRepositoryContent builds the repository's own content: what is
// published must always build.
func TestRepositoryContent(t *testing.T) {
	out := filepath.Join(t.TempDir(), "public")
	res := mustBuild(t, Options{Root: os.DirFS(repoRoot), Out: out})
	if len(res.Site.CaseStudies) == 0 {
		t.Fatal("the repository has no case studies")
	}
	checkLinks(t, out, "/")
}

// TestDeterministic builds the same input twice, in two places, and
// compares every byte.
func TestDeterministic(t *testing.T) {
	for name, fsys := range map[string]fs.FS{"repository": os.DirFS(repoRoot), "valid": validProject(t)} {
		t.Run(name, func(t *testing.T) {
			a, b := filepath.Join(t.TempDir(), "a"), filepath.Join(t.TempDir(), "b")
			mustBuild(t, Options{Root: fsys, Out: a})
			mustBuild(t, Options{Root: fsys, Out: b})
			sa, sb := snapshot(t, a), snapshot(t, b)
			if len(sa) != len(sb) {
				t.Fatalf("%d files, then %d", len(sa), len(sb))
			}
			for p, data := range sa {
				if sb[p] != data {
					t.Errorf("%s differs between two builds", p)
				}
			}
		})
	}
}

// TestFailedBuildKeepsOutput: broken content, or a theme that fails while
// rendering, leaves the last good site exactly as it was.
func TestFailedBuildKeepsOutput(t *testing.T) {
	out := filepath.Join(t.TempDir(), "public")
	good := validProject(t)
	mustBuild(t, Options{Root: good, Out: out})
	before := snapshot(t, out)

	broken := validProject(t)
	broken["content/fallstudier/trasig.md"] = &fstest.MapFile{Data: []byte("---\ntitle: x\n")}
	res, err := Run(Options{Root: broken, Out: out})
	if err != nil || res.Published || !res.Diags.HasErrors() {
		t.Fatalf("broken content: published=%v err=%v diags=%v", res.Published, err, res.Diags)
	}

	failing := validProject(t)
	failing["themes/default/layouts/sidor.html"] = &fstest.MapFile{Data: []byte(`{{define "main"}}{{index .Site.Pages 999}}{{end}}`)}
	res, err = Run(Options{Root: failing, Out: out})
	if err == nil || res.Published {
		t.Fatalf("failing template: published=%v err=%v", res.Published, err)
	}

	after := snapshot(t, out)
	if len(after) != len(before) {
		t.Fatalf("%d files before, %d after", len(before), len(after))
	}
	for p, data := range before {
		if after[p] != data {
			t.Errorf("%s changed", p)
		}
	}
	if _, err := os.Stat(out + ".new"); !os.IsNotExist(err) {
		t.Errorf("staging folder left behind: %v", err)
	}
}

// TestMachineReadable: the open data, the feed and the sitemap parse, and
// carry what the site derives (county and codes from the municipality).
func TestMachineReadable(t *testing.T) {
	out := filepath.Join(t.TempDir(), "public")
	mustBuild(t, Options{Root: validProject(t), Out: out})
	files := snapshot(t, out)

	var data struct {
		Version     int
		Fallstudier []struct {
			ID, URL, Status, Published string
			Municipality, County       struct{ Code, Name string }
			Areas                      []struct{ ID, Label string }
			Initiatives                []string
		}
	}
	if err := json.Unmarshal([]byte(files["data/fallstudier.json"]), &data); err != nil {
		t.Fatal(err)
	}
	c := data.Fallstudier[0]
	if data.Version != 1 || c.ID != "alla-nycklar" || c.URL != "https://example.org/kb/fallstudier/alla-nycklar/" ||
		c.Municipality.Code != "1281" || c.County.Code != "12" || c.County.Name != "Skåne län" ||
		len(c.Areas) != 2 || c.Areas[1].Label != "Läkemedelspåminnare" || c.Initiatives[0] != "projekt" {
		t.Errorf("open data: %+v", data)
	}

	rows, err := csv.NewReader(strings.NewReader(strings.TrimPrefix(files["data/fallstudier.csv"], "\ufeff"))).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != 2 || rows[0][0] != "id" || rows[1][0] != "alla-nycklar" || rows[1][6] != "12" || rows[1][10] != "digitala-las; lakemedelspaminnare" {
		t.Errorf("csv: %q", rows)
	}

	var feed struct {
		Updated string `xml:"updated"`
		Entries []struct {
			ID      string `xml:"id"`
			Updated string `xml:"updated"`
		} `xml:"entry"`
	}
	if err := xml.Unmarshal([]byte(files["fallstudier/atom.xml"]), &feed); err != nil {
		t.Fatal(err)
	}
	if len(feed.Entries) != 1 || feed.Updated != "2021-03-15T00:00:00Z" || feed.Entries[0].ID != "https://example.org/kb/fallstudier/alla-nycklar/" {
		t.Errorf("feed: %+v", feed)
	}
	if !strings.Contains(files["sitemap.xml"], "<url><loc>https://example.org/kb/fallstudier/alla-nycklar/</loc><lastmod>2021-03-15</lastmod></url>") {
		t.Errorf("sitemap:\n%s", files["sitemap.xml"])
	}
	if files["robots.txt"] != "User-agent: *\nAllow: /\nSitemap: https://example.org/kb/sitemap.xml\n" {
		t.Errorf("robots.txt: %q", files["robots.txt"])
	}
}

// TestHeaders: the _headers file for Netlify and Cloudflare Pages caches
// exactly the fingerprinted assets forever, under the base path.
func TestHeaders(t *testing.T) {
	out := filepath.Join(t.TempDir(), "public")
	mustBuild(t, Options{Root: validProject(t), Out: out})
	files := snapshot(t, out)
	h := files["_headers"]
	if !strings.Contains(h, "/kb/assets/*\n  Cache-Control: public, max-age=31536000, immutable\n") {
		t.Errorf("assets are not cached as immutable:\n%s", h)
	}
	if strings.Count(h, "Cache-Control") != 1 {
		t.Errorf("only assets may set Cache-Control (hosts merge rules):\n%s", h)
	}
	if !strings.Contains(h, "/kb/*\n  Content-Security-Policy: default-src 'self';") {
		t.Errorf("no content security policy:\n%s", h)
	}
	// Theme assets carry their hash in the name; the search index's files
	// live in a folder named by the hash of all of them.
	fingerprinted := regexp.MustCompile(`^assets/(sok/[0-9a-f]{10}/[a-z0-9_-]+\.json|[^/]+\.[0-9a-f]{10}\.[a-z]+)$`)
	for p := range files {
		if strings.HasPrefix(p, "assets/") && !fingerprinted.MatchString(p) {
			t.Errorf("%s is under assets/ but not fingerprinted, so it must not be cached forever", p)
		}
	}
}

// TestSubPath: hosted under /kb/, every link and asset still resolves.
func TestSubPath(t *testing.T) {
	out := filepath.Join(t.TempDir(), "public")
	mustBuild(t, Options{Root: validProject(t), Out: out}) // site.yaml says https://example.org/kb/
	checkLinks(t, out, "/kb/")
	mustBuild(t, Options{Root: validProject(t), Out: out, BaseURL: "/annan/plats"})
	checkLinks(t, out, "/annan/plats/")
}

var refRE = regexp.MustCompile(`(?:href|src)="([^"]*)"`)

// checkLinks is a link checker over a built site: every href and src that
// stays on the site must start with base and name a file of the output.
func checkLinks(t *testing.T, out, base string) {
	t.Helper()
	files := snapshot(t, out)
	checked := 0
	for p, data := range files {
		if !strings.HasSuffix(p, ".html") {
			continue
		}
		for _, m := range refRE.FindAllStringSubmatch(data, -1) {
			ref := m[1]
			if strings.HasPrefix(ref, "#") || strings.Contains(ref, "://") || strings.HasPrefix(ref, "mailto:") {
				continue
			}
			if !strings.HasPrefix(ref, base) {
				t.Errorf("%s: link %q is outside the base path %s", p, ref, base)
				continue
			}
			target := strings.TrimPrefix(ref, base)
			if i := strings.IndexAny(target, "#?"); i >= 0 {
				target = target[:i]
			}
			if target == "" || strings.HasSuffix(target, "/") {
				target += "index.html"
			}
			if _, ok := files[target]; !ok {
				t.Errorf("%s: link %q names no file of the site", p, ref)
			}
			checked++
		}
	}
	if checked < 20 {
		t.Errorf("only %d links checked; the checker is not seeing the site", checked)
	}
}

// TestNoScriptFromContent: nothing an editor writes, in front matter or
// Markdown, becomes script in the site.
func TestNoScriptFromContent(t *testing.T) {
	fsys := validProject(t)
	fsys["content/fallstudier/xss.md"] = &fstest.MapFile{Data: []byte(`---
title: "<script>alert(1)</script>"
summary: "\"><img src=x onerror=alert(1)>"
municipality: Lund
organisations: ["</dd><script>alert(1)</script>"]
areas: [digitala-las]
status: pilot
published: 2021-01-01
tags: ["<svg onload=alert(1)>"]
contact: "javascript:alert(1)"
sources:
  - title: "x"
    publisher: "y"
    url: "https://example.org/\"><script>alert(1)</script>"
---

<script>alert(1)</script>
<img src=x onerror="alert(1)">
<iframe src="javascript:alert(1)"></iframe>

[klick](javascript:alert(1)) [klick](JaVaScRiPt:alert(1)) <javascript:alert(1)>

![bild](javascript:alert(1))
`)}
	out := filepath.Join(t.TempDir(), "public")
	mustBuild(t, Options{Root: fsys, Out: out})
	files := snapshot(t, out)
	if !strings.Contains(files["fallstudier/xss/index.html"], "&lt;script>alert(1)&lt;/script>") {
		t.Error("the title is not shown as text")
	}
	for p, data := range files {
		if strings.HasSuffix(p, ".html") {
			for _, problem := range scriptIn(data) {
				t.Errorf("%s: %s", p, problem)
			}
		}
	}
}

// scriptIn lists what in an HTML document could run script: script,
// iframe, object, embed and svg elements, event-handler attributes, and
// javascript: or data: URLs. It reads the document as a browser tokenizes
// it, so escaped text does not count. The inert elements the theme itself
// writes (see themeElement) are allowed, and JSON-LD must keep its < escaped.
func scriptIn(doc string) []string {
	var found []string
	z := html.NewTokenizer(strings.NewReader(doc))
	inJSONLD := false
	for {
		switch z.Next() {
		case html.ErrorToken:
			return found
		case html.TextToken:
			if inJSONLD && strings.Contains(string(z.Text()), "<") {
				found = append(found, "unescaped < in JSON-LD")
			}
		case html.EndTagToken:
			inJSONLD = false
		case html.StartTagToken, html.SelfClosingTagToken:
			tok := z.Token()
			switch tok.Data {
			case "script", "iframe", "object", "embed", "svg", "math", "base", "form":
				if !themeElement(tok) {
					found = append(found, "element <"+tok.Data+">")
				}
				inJSONLD = tok.Data == "script"
			}
			for _, a := range tok.Attr {
				v := strings.ToLower(strings.Join(strings.Fields(a.Val), ""))
				switch {
				case strings.HasPrefix(a.Key, "on"):
					found = append(found, "attribute "+a.Key+" on <"+tok.Data+">")
				case (a.Key == "href" || a.Key == "src" || a.Key == "action" || a.Key == "formaction") &&
					(strings.HasPrefix(v, "javascript:") || strings.HasPrefix(v, "vbscript:") || strings.HasPrefix(v, "data:text")):
					found = append(found, a.Key+"="+a.Val+" on <"+tok.Data+">")
				case tok.Data == "meta" && a.Key == "http-equiv" && v == "refresh":
					found = append(found, "meta refresh")
				}
			}
		}
	}
}

// themeElement reports whether tok is one of the elements the default
// theme writes: schema.org data (a script of type application/ld+json is
// never executed), the search form (a GET to the site's own search page),
// the home page's map, the module that sorts "Vem använder vad", and on
// the search page its interface text (JSON, data too) and its module, a theme asset that imports the engine, another
// theme asset. Nothing in those attributes comes from content.
func themeElement(tok html.Token) bool {
	attr := map[string]string{}
	for _, a := range tok.Attr {
		attr[a.Key] = a.Val
	}
	switch tok.Data {
	case "script":
		switch attr["type"] {
		case "application/ld+json":
			return len(attr) == 1
		case "application/json":
			return len(attr) == 2 && attr["id"] == "sok-texter"
		case "module":
			if len(attr) == 2 && themeScript("vem", attr["src"]) {
				return true // "Vem använder vad": sorting the table in place
			}
			return len(attr) == 5 && themeScript("sok-sida", attr["src"]) && themeScript("sok", attr["data-engine"]) &&
				strings.HasSuffix(attr["data-index"], "/sok/manifest.json") && strings.HasSuffix(attr["data-base"], "/")
		}
		return false
	case "form":
		m := attr["method"]
		return attr["role"] == "search" && strings.HasSuffix(attr["action"], "/sok/") && (m == "" || m == "get")
	case "svg":
		return attr["class"] == "karta"
	}
	return false
}

// themeScript reports whether src is the theme's static/<name>.js as
// published: /<base>/assets/<name>.<hash>.js.
func themeScript(name, src string) bool {
	return regexp.MustCompile(`^(/[a-z0-9-]+)*/assets/` + regexp.QuoteMeta(name) + `\.[0-9a-f]{10}\.js$`).MatchString(src)
}

// TestHostileFiles runs the inputs editors' machines really produce
// through a build on a real disk.
func TestHostileFiles(t *testing.T) {
	root := t.TempDir()
	copyTree(t, validProject(t), root)
	write := func(rel, data string) {
		t.Helper()
		p := filepath.Join(root, filepath.FromSlash(rel))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	head := "---\ntitle: \"T\"\nsummary: \"S\"\nmunicipality: Lund\nareas: [digitala-las]\nstatus: pilot\npublished: 2021-01-01\n---\n"
	// 5 MB of Markdown.
	var big strings.Builder
	for big.Len() < 5<<20 {
		big.WriteString("## Avsnitt\n\nNyckelfri hemtjänst och **digitala lås** i *hemtjänsten*, med [länk](stor.md).\n\n- punkt\n- punkt\n\n")
	}
	write("content/fallstudier/stor.md", head+big.String())
	// Deeply nested quotes and lists.
	write("content/fallstudier/djup.md", head+strings.Repeat("> ", 5000)+"citat\n\n"+nestedList(500))
	// A file name written decomposed, as macOS does: "lås" with a + ring.
	write(norm.NFD.String("content/fallstudier/digitala-lås.md"), head)
	// A bundle whose image macOS named in NFD, referenced in NFC text.
	write("content/fallstudier/bildpaket/index.md", head+"![Ett digitalt lås](lås-bild.jpg)\n")
	write(norm.NFD.String("content/fallstudier/bildpaket/lås-bild.jpg"), "JPEG")
	// CRLF and a byte-order mark.
	write("content/fallstudier/windows.md", "\xEF\xBB\xBF"+strings.ReplaceAll(head+"Text\n", "\n", "\r\n"))
	// A symbolic link loop.
	if err := os.Symlink(".", filepath.Join(root, "content", "fallstudier", "loop")); err != nil {
		t.Fatal(err)
	}

	out := filepath.Join(t.TempDir(), "public")
	res, err := Run(Options{Root: os.DirFS(root), Out: out})
	if err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	res.Diags.WriteText(&b)
	want := `content/fallstudier/bildpaket/lås-bild.jpg: varning: bilden kan inte läsas (image: unknown format); den publiceras som den är, utan storlek och mindre versioner. Kontrollera att filen är en bild och spara den igen från ett bildprogram
content/fallstudier/digitala-lås.md: namnet "digitala-lås" kan inte bli en adress: använd små bokstäver a-z, siffror och bindestreck (å ä ö skrivs a a o), till exempel "digitala-las"
content/fallstudier/loop: varning: symboliska länkar följs inte och filen hoppas över; lägg en kopia av filen här i stället
`
	if b.String() != want {
		t.Errorf("messages:\n%s\nwant:\n%s", b.String(), want)
	}
	for _, p := range []string{"content/fallstudier/stor.md", "content/fallstudier/djup.md", "content/fallstudier/windows.md", "content/fallstudier/bildpaket/index.md"} {
		if res.Site.ByPath(p) == nil {
			t.Errorf("%s was not built", p)
		}
	}
	// The site stops at the file-name error, so publish without that page
	// to see the NFD-named image through.
	os.Remove(filepath.Join(root, filepath.FromSlash(norm.NFD.String("content/fallstudier/digitala-lås.md"))))
	res = mustBuild(t, Options{Root: os.DirFS(root), Out: out})
	files := snapshot(t, out)
	if files["fallstudier/bildpaket/lås-bild.jpg"] != "JPEG" {
		t.Error("the NFD-named image was not published under its NFC name")
	}
	if page := files["fallstudier/bildpaket/index.html"]; !strings.Contains(page, `src="/kb/fallstudier/bildpaket/l%C3%A5s-bild.jpg"`) {
		t.Errorf("image reference not resolved: %s", page[strings.Index(page, "<main"):])
	}
}

func nestedList(depth int) string {
	var b strings.Builder
	for i := 0; i < depth; i++ {
		b.WriteString(strings.Repeat("  ", i) + "- nivå\n")
	}
	return b.String()
}

func copyTree(t *testing.T, fsys fstest.MapFS, dir string) {
	t.Helper()
	for name, f := range fsys {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, f.Data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// TestGolden compares rendered pages of testdata/golden.txtar with the
// expected HTML beside it. Run with -update after a deliberate change and
// read the diff.
func TestGolden(t *testing.T) {
	fsys, _, _ := archive(t, "testdata/golden.txtar")
	out := filepath.Join(t.TempDir(), "public")
	mustBuild(t, Options{Root: fsys, Out: out})
	files := snapshot(t, out)
	for _, page := range []string{"index.html", "fallstudier/lund-digitala-las/index.html", "fallstudier/index.html", "kommuner/lund/index.html", "omraden/digitala-las/index.html", "initiativ/modellkommuner/index.html", "404.html", "vem-anvander-vad/index.html", "vem-anvander-vad/leverantor/index.html"} {
		got, ok := files[page]
		if !ok {
			t.Errorf("%s was not written", page)
			continue
		}
		golden := filepath.Join("testdata", "golden", strings.ReplaceAll(page, "/", "_"))
		if *update {
			os.MkdirAll(filepath.Dir(golden), 0o755)
			os.WriteFile(golden, []byte(got), 0o644)
			continue
		}
		want, err := os.ReadFile(golden)
		if err != nil {
			t.Fatalf("%v (run go test -update)", err)
		}
		if !bytes.Equal(want, []byte(got)) {
			i := 0
			for i < len(want) && i < len(got) && want[i] == got[i] {
				i++
			}
			t.Errorf("%s differs from %s at byte %d (run go test -update and read the diff)\ngot:  …%s…\nwant: …%s…",
				page, golden, i, got[max(0, i-80):min(len(got), i+80)], want[max(0, i-80):min(len(want), i+80)])
		}
	}
}

// TestPathOnlyBaseURL: with a base URL without a host, nothing claims an
// address it cannot know: no canonical link, no sitemap in robots.txt
// (both must be absolute).
func TestPathOnlyBaseURL(t *testing.T) {
	out := filepath.Join(t.TempDir(), "public")
	mustBuild(t, Options{Root: validProject(t), Out: out, BaseURL: "/kb/"})
	files := snapshot(t, out)
	if files["robots.txt"] != "User-agent: *\nAllow: /\n" {
		t.Errorf("robots.txt: %q", files["robots.txt"])
	}
	for p, data := range files {
		if strings.HasSuffix(p, ".html") && strings.Contains(data, `rel="canonical"`) {
			t.Errorf("%s has a canonical link without a host to make it absolute", p)
		}
	}
}

// TestLoadedCountsPages: Options.Loaded hears the number of page files
// once they are read, before the stages that need the memory (kb build
// sizes its memory limit by it).
func TestLoadedCountsPages(t *testing.T) {
	calls, pages := 0, 0
	res := mustBuild(t, Options{Root: validProject(t), Out: filepath.Join(t.TempDir(), "public"), Loaded: func(n int) {
		calls++
		pages = n
	}})
	if calls != 1 || pages == 0 || pages != len(res.Site.Pages) {
		t.Errorf("Loaded called %d times, last with %d; want once, with the site's %d pages", calls, pages, len(res.Site.Pages))
	}
}

// TestStageTimes: a build times its stages in order, and splits among
// them the CPU time the process used while it ran and the bytes it
// allocated.
func TestStageTimes(t *testing.T) {
	user0, system0 := processCPU()
	allocated0 := heapAllocated()
	res := mustBuild(t, Options{Root: os.DirFS(repoRoot), Out: filepath.Join(t.TempDir(), "public")})
	user1, system1 := processCPU()
	var names []string
	var user, system time.Duration
	var allocated uint64
	for _, st := range res.Stages {
		names = append(names, st.Name)
		if st.Time < 0 || st.User < 0 || st.System < 0 {
			t.Errorf("stage %s: wall %v, user %v, system %v", st.Name, st.Time, st.User, st.System)
		}
		user += st.User
		system += st.System
		allocated += st.Allocated
		if (st.Name == "load" || st.Name == "markdown" || st.Name == "render") && st.Allocated == 0 {
			t.Errorf("stage %s allocated nothing on the heap", st.Name)
		}
	}
	if total := heapAllocated() - allocated0; allocated > total {
		t.Errorf("the stages allocated %d bytes; the process allocated %d during the build", allocated, total)
	}
	want := []string{"load", "parse", "assemble", "images", "markdown", "theme", "search", "render", "publish"}
	if !slices.Equal(names, want) {
		t.Errorf("stages %v, want %v", names, want)
	}
	if user1 == 0 {
		t.Skip("this system gives no CPU time")
	}
	if user <= 0 || user > user1-user0 || system > system1-system0 {
		t.Errorf("the stages' CPU is %v user, %v system; the process used %v user, %v system during the build", user, system, user1-user0, system1-system0)
	}
}
