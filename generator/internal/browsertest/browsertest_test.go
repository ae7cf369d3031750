package browsertest

import (
	"bufio"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"kunskapsbanken/generator/internal/csp"
)

func TestMain(m *testing.M) { Main(m) }

// site writes files (path → content) into a new folder and returns it.
func site(t *testing.T, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	for name, content := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// htmlPage is a minimal valid page: axe finds nothing in it.
func htmlPage(title, head, body string) string {
	return `<!doctype html><html lang="sv"><head><meta charset="utf-8">` +
		`<meta name="viewport" content="width=device-width, initial-scale=1">` +
		`<title>` + title + `</title>` + head + `</head><body>` +
		`<main id="m" tabindex="-1"><h1>` + title + `</h1>` + body + `</main></body></html>`
}

// A 1×1 PNG.
const pixel = "data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII="

func TestServe(t *testing.T) {
	outside := t.TempDir()
	if err := os.WriteFile(filepath.Join(outside, "secret.txt"), []byte("secret"), 0o644); err != nil {
		t.Fatal(err)
	}
	dir := site(t, map[string]string{
		"index.html":      htmlPage("Hem", "", ""),
		"sub/index.html":  htmlPage("Under", "", ""),
		"assets/a.css":    "body{color:#000}",
		"assets/pic.webp": "RIFF",
		"404.html":        htmlPage("Finns inte", "", ""),
		"notes.txt":       "text",
	})
	if err := os.Symlink(filepath.Join(outside, "secret.txt"), filepath.Join(dir, "link.txt")); err != nil {
		t.Fatal(err)
	}
	base := Serve(t, dir, "kb") // the base is normalised to /kb/
	if !strings.HasSuffix(base, "/kb/") || !strings.HasPrefix(base, "http://127.0.0.1:") {
		t.Fatalf("Serve returned %q", base)
	}
	origin := strings.TrimSuffix(base, "/kb/")
	noRedirect := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}

	for _, tc := range []struct {
		method, path string
		status       int
		contentType  string
		body         string // a part of it
		location     string
		cache        string
	}{
		{"GET", "/kb/", 200, "text/html; charset=utf-8", "<title>Hem</title>", "", "no-cache"},
		{"GET", "/kb/index.html", 200, "text/html; charset=utf-8", "<title>Hem</title>", "", "no-cache"},
		{"GET", "/kb", 301, "", "", "/kb/", ""},
		{"GET", "/kb/sub", 301, "", "", "/kb/sub/", ""},
		{"GET", "/kb/sub/", 200, "text/html; charset=utf-8", "<title>Under</title>", "", ""},
		{"GET", "/kb/assets/a.css", 200, "text/css; charset=utf-8", "color:#000", "", "public, max-age=31536000, immutable"},
		{"GET", "/kb/assets/pic.webp", 200, "image/webp", "", "", ""},
		{"GET", "/kb/notes.txt", 200, "text/plain; charset=utf-8", "text", "", ""},
		{"GET", "/kb/notes.txt/", 404, "text/html; charset=utf-8", "Finns inte", "", ""},
		{"GET", "/kb/saknas/", 404, "text/html; charset=utf-8", "<title>Finns inte</title>", "", "no-cache"},
		{"GET", "/annat/", 404, "text/html; charset=utf-8", "Finns inte", "", ""},
		{"GET", "/kb/link.txt", 404, "", "Finns inte", "", ""}, // a symbolic link out of the folder
		{"GET", "/kb/%2e%2e/secret.txt", 400, "", "", "", ""},
		{"GET", "/kb/sub/..%5c..%5csecret.txt", 400, "", "", "", ""},
		{"HEAD", "/kb/", 200, "text/html; charset=utf-8", "", "", ""},
		{"POST", "/kb/", 405, "", "", "", ""},
	} {
		t.Run(tc.method+" "+tc.path, func(t *testing.T) {
			req, err := http.NewRequest(tc.method, origin+tc.path, nil)
			if err != nil {
				t.Fatal(err)
			}
			resp, err := noRedirect.Do(req)
			if err != nil {
				t.Fatal(err)
			}
			body, _ := io.ReadAll(resp.Body)
			resp.Body.Close()
			if resp.StatusCode != tc.status {
				t.Errorf("status %d, want %d", resp.StatusCode, tc.status)
			}
			if got := resp.Header.Get("Content-Security-Policy"); got != csp.Header() {
				t.Errorf("Content-Security-Policy %q", got)
			}
			if got := resp.Header.Get("X-Content-Type-Options"); got != "nosniff" {
				t.Errorf("X-Content-Type-Options %q", got)
			}
			if tc.contentType != "" && resp.Header.Get("Content-Type") != tc.contentType {
				t.Errorf("Content-Type %q, want %q", resp.Header.Get("Content-Type"), tc.contentType)
			}
			if !strings.Contains(string(body), tc.body) {
				t.Errorf("body %q does not contain %q", body, tc.body)
			}
			if strings.Contains(string(body), "secret") {
				t.Errorf("served a file from outside the folder: %q", body)
			}
			if got := resp.Header.Get("Location"); got != tc.location {
				t.Errorf("Location %q, want %q", got, tc.location)
			}
			if tc.cache != "" && resp.Header.Get("Cache-Control") != tc.cache {
				t.Errorf("Cache-Control %q, want %q", resp.Header.Get("Cache-Control"), tc.cache)
			}
		})
	}

	// A raw request line, which no client would clean up first.
	t.Run("raw ..", func(t *testing.T) {
		conn, err := net.Dial("tcp", strings.TrimPrefix(origin, "http://"))
		if err != nil {
			t.Fatal(err)
		}
		defer conn.Close()
		fmt.Fprintf(conn, "GET /kb/../../%s/secret.txt HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n", filepath.Base(outside))
		resp, err := http.ReadResponse(bufio.NewReader(conn), nil)
		if err != nil {
			t.Fatal(err)
		}
		body, _ := io.ReadAll(resp.Body)
		if resp.StatusCode == 200 || strings.Contains(string(body), "secret") {
			t.Errorf("status %d, body %q", resp.StatusCode, body)
		}
	})
}

func TestServeRootBase(t *testing.T) {
	h, err := Handler(site(t, map[string]string{"index.html": "hem"}), "/")
	if err != nil {
		t.Fatal(err)
	}
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest("GET", "/", nil))
	if rec.Code != 200 || rec.Body.String() != "hem" {
		t.Errorf("GET / under base /: %d %q", rec.Code, rec.Body.String())
	}
}

// TestAxe checks that axe really runs under the site's content security
// policy: it must find a missing alt text, and nothing on a clean page.
func TestAxe(t *testing.T) {
	b := Browser(t)
	base := Serve(t, site(t, map[string]string{
		"bra/index.html":      htmlPage("Bra", "", `<p>Text med <a href="../dalig/">en länk</a>.</p><img src="`+pixel+`" alt="En punkt">`),
		"dalig/index.html":    htmlPage("Dålig", "", `<p>Text</p><img src="`+pixel+`">`),
		"kontrast/index.html": htmlPage("Kontrast", `<link rel="stylesheet" href="../kontrast.css">`, `<p>Läsbar text, eller inte.</p>`),
		"kontrast.css": `body { color: #111; background: #fff; }
			@media (prefers-color-scheme: dark) { body { color: #333; background: #222; } }`,
	}), "/kb/")

	if vs := b.Open(t, base+"bra/").Axe(t); len(vs) != 0 {
		t.Errorf("axe reports violations on a clean page:\n%v", vs)
	}

	// Contrast is measured in the mode the page is shown in: this page is
	// fine in light mode and unreadable in dark mode.
	for _, dark := range []bool{false, true} {
		var opts []Option
		if dark {
			opts = append(opts, DarkMode())
		}
		vs := b.Open(t, base+"kontrast/", opts...).Axe(t)
		found := slices.ContainsFunc(vs, func(v Violation) bool { return v.ID == "color-contrast" })
		if found != dark {
			t.Errorf("dark mode %v: color-contrast reported %v, want %v; violations: %v", dark, found, dark, vs)
		}
	}
	for _, opt := range [][]Option{nil, {DarkMode()}} {
		p := b.Open(t, base+"dalig/", opt...)
		vs := p.Axe(t)
		i := slices.IndexFunc(vs, func(v Violation) bool { return v.ID == "image-alt" })
		if i < 0 {
			t.Fatalf("axe did not report the image without alt text; it reported %v", vs)
		}
		v := vs[i]
		if v.Count != 1 || len(v.Nodes) != 1 || v.Nodes[0].Target != "img" || !strings.Contains(v.Nodes[0].HTML, "<img") {
			t.Errorf("violation %+v", v)
		}
		if s := v.String(); !strings.Contains(s, "image-alt (critical, 1 element)") || !strings.Contains(s, "- img") {
			t.Errorf("String() = %s", s)
		}
		if probs := p.Problems(); len(probs) != 0 {
			t.Errorf("injecting axe caused problems: %q", probs)
		}
	}
}

// TestProblems: what a page does wrong is reported, and a clean page
// reports nothing.
func TestProblems(t *testing.T) {
	b := Browser(t)
	base := Serve(t, site(t, map[string]string{
		"ren/index.html": htmlPage("Ren", `<link rel="stylesheet" href="../assets/a.css"><script src="../assets/ok.js" defer></script>`, `<img src="`+pixel+`" alt="Punkt">`),
		"assets/a.css":   "body { color: #000 }",
		"assets/ok.js":   "document.documentElement.dataset.ok = '1';",
		"assets/bad.js":  "console.error('trasigt', 42); console.warn('varning'); undefinedFunction();",
		"smutsig/index.html": htmlPage("Smutsig",
			`<link rel="stylesheet" href="../assets/saknas.css"><script src="../assets/bad.js"></script>`,
			`<script>document.title = 'inline';</script>`+
				`<p style="color: red">inline style</p>`+
				`<img src="http://127.0.0.2:9/foreign.png" alt="främmande">`),
		"404.html": htmlPage("Finns inte", "", ""),
	}), "/kb/")

	clean := b.Open(t, base+"ren/")
	if probs := clean.Problems(); len(probs) != 0 {
		t.Errorf("a clean page has problems: %q", probs)
	}
	for _, w := range clean.Warnings() {
		if !strings.Contains(w, "/favicon.ico") {
			t.Errorf("a clean page has a warning: %s", w)
		}
	}
	var ok string
	clean.Eval(t, "document.documentElement.dataset.ok", &ok)
	if ok != "1" {
		t.Errorf("the page's own script did not run under the policy")
	}
	reqs := slices.DeleteFunc(clean.Requests(), func(u string) bool { return strings.HasSuffix(u, "/favicon.ico") })
	if want := []string{base + "ren/", base + "assets/a.css", base + "assets/ok.js"}; !slices.Equal(reqs, want) {
		t.Errorf("requests %q, want %q", reqs, want)
	}

	dirty := b.Open(t, base+"smutsig/")
	probs := strings.Join(dirty.Problems(), "\n")
	for _, want := range []string{
		"HTTP 404 for Stylesheet " + base + "assets/saknas.css",
		"console.error: trasigt 42",
		"uncaught exception: Uncaught ReferenceError: undefinedFunction is not defined",
		"Content-Security-Policy violation: script-src-elem blocked inline",
		"Content-Security-Policy violation: style-src-attr blocked inline",
		"Content-Security-Policy violation: img-src blocked http://127.0.0.2:9/foreign.png",
		"request to another host: Image http://127.0.0.2:9/foreign.png",
	} {
		if !strings.Contains(probs, want) {
			t.Errorf("problems do not mention %q; they are:\n%s", want, probs)
		}
	}
	if w := strings.Join(dirty.Warnings(), "\n"); !strings.Contains(w, "console.warn: varning") {
		t.Errorf("warnings: %s", w)
	}

	missingPage := b.Open(t, base+"finns-inte/")
	if probs := missingPage.Problems(); len(probs) != 1 || !strings.Contains(probs[0], "HTTP 404 (want 200)") {
		t.Errorf("a missing page: problems %q", probs)
	}
	expected := b.Open(t, base+"finns-inte/", Status(404))
	if probs := expected.Problems(); len(probs) != 0 || expected.StatusCode() != 404 {
		t.Errorf("the 404 page opened with Status(404): status %d, problems %q", expected.StatusCode(), probs)
	}
}

func TestMedia(t *testing.T) {
	b := Browser(t)
	base := Serve(t, site(t, map[string]string{"index.html": htmlPage("Hem", "", "")}), "/")
	for _, tc := range []struct {
		opts         []Option
		dark, reduce bool
		width        int
	}{
		{nil, false, false, 1280},
		{[]Option{DarkMode()}, true, false, 1280},
		{[]Option{ReducedMotion(), Viewport(375, 700)}, false, true, 375},
	} {
		p := b.Open(t, base, tc.opts...)
		var got struct {
			Dark, Reduce bool
			Width        int
		}
		p.Eval(t, `({Dark: matchMedia('(prefers-color-scheme: dark)').matches,
			Reduce: matchMedia('(prefers-reduced-motion: reduce)').matches,
			Width: innerWidth})`, &got)
		if got.Dark != tc.dark || got.Reduce != tc.reduce || got.Width != tc.width {
			t.Errorf("options %d: got %+v, want dark %v, reduce %v, width %d", len(tc.opts), got, tc.dark, tc.reduce, tc.width)
		}
	}
}

// TestTabWalk: visible and invisible focus are told apart.
func TestTabWalk(t *testing.T) {
	b := Browser(t)
	css := `
		a { color: #00c; }
		.skip { position: absolute; left: -9999px; }
		.skip:focus { left: 0; outline: 3px solid #000; }
		.ring:focus-visible { outline: 3px solid #000; outline-offset: 2px; }
		.none:focus { outline: none; }
		.shadow:focus { outline: none; box-shadow: 0 0 0 3px #000; }
		.bg:focus { outline: none; background: #ff0; }
		.hidden { position: absolute; left: -9999px; }
		.hidden:focus { outline: 3px solid #000; }
		.fade { transition: outline-color 2s; outline: 3px solid transparent; }
		.fade:focus { outline-color: #000; }
	`
	base := Serve(t, site(t, map[string]string{
		"assets/s.css": css,
		"index.html": htmlPage("Hem", `<link rel="stylesheet" href="assets/s.css">`,
			`<a class="skip" href="#m">Hoppa</a>`+
				`<a class="ring" href="a/">Ring</a>`+
				`<a class="none" href="b/">Ingen</a>`+
				`<button class="shadow" aria-label="Skugga">S</button>`+
				`<a class="bg" href="c/">Bakgrund</a>`+
				`<a class="hidden" href="d/">Gömd</a>`+
				`<a class="fade" href="e/">Tona</a>`+
				`<a href="f/">Standard</a>`),
	}), "/")

	p := b.Open(t, base)
	walk := p.TabWalk(t, 20)
	type want struct {
		text    string
		visible bool
		why     string
	}
	wants := []want{
		{"Hoppa", true, "outline 3px solid rgb(0, 0, 0)"},
		{"Ring", true, "outline 3px solid rgb(0, 0, 0)"},
		{"Ingen", false, "looks the same"},
		{"Skugga", true, "box-shadow"},
		{"Bakgrund", true, "background-color"},
		{"Gömd", false, "outside the viewport"},
		{"Tona", true, "outline 3px solid rgb(0, 0, 0)"},
		{"Standard", true, "outline"}, // the browser's own focus ring
	}
	if len(walk) != len(wants) {
		t.Fatalf("walked %d elements, want %d:\n%s", len(walk), len(wants), joinFocus(walk))
	}
	for i, w := range wants {
		f := walk[i]
		if f.Text != w.text || f.Visible != w.visible || !strings.Contains(f.Why, w.why) || f.Step != i+1 {
			t.Errorf("step %d: %s\nwant %q visible=%v (%s)", i+1, f, w.text, w.visible, w.why)
		}
	}
	if walk[1].Href != "a/" || walk[1].Tag != "a" || walk[1].Mode != "focus-visible" || walk[3].Tag != "button" {
		t.Errorf("details: %+v %+v", walk[1], walk[3])
	}

	// Tab stops at max, and the last element is still judged.
	p2 := b.Open(t, base)
	if short := p2.TabWalk(t, 2); len(short) != 2 || !short[1].Visible || short[1].Why == "" {
		t.Errorf("TabWalk(2):\n%s", joinFocus(short))
	}

	// Enter on the skip link moves to its target.
	p3 := b.Open(t, base)
	if f := p3.Focused(t); f != nil {
		t.Errorf("a fresh page has focus on %+v", f)
	}
	p3.Press(t, "\t")
	if f := p3.Focused(t); f == nil || f.Text != "Hoppa" || f.Href != "#m" || f.Path != "main#m > a:nth-of-type(1)" {
		t.Errorf("after one Tab: %+v", f)
	}
	p3.Press(t, "\r")
	var hash string
	p3.Eval(t, "location.hash", &hash)
	if hash != "#m" {
		t.Errorf("after Enter on the skip link: location.hash %q", hash)
	}
	if f := p3.Focused(t); f == nil || f.Tag != "main" || f.ID != "m" {
		t.Errorf("after Enter on the skip link, focus is on %+v, want main#m", f)
	}

	// Paths names elements as TabWalk does.
	paths := p3.Paths(t, "a.ring, button")
	if want := []string{walk[1].Path, walk[3].Path}; !slices.Equal(paths, want) {
		t.Errorf("Paths: %q, want %q", paths, want)
	}
}

func joinFocus(walk []Focus) string {
	var b strings.Builder
	for _, f := range walk {
		b.WriteString(f.String() + "\n")
	}
	return b.String()
}

func TestScreenshot(t *testing.T) {
	out := t.TempDir()
	t.Setenv("KB_TEST_OUT", out)
	b := Browser(t)
	base := Serve(t, site(t, map[string]string{"index.html": htmlPage("Hem", "", strings.Repeat("<p>Text</p>", 100))}), "/")
	p := b.Open(t, base, Viewport(375, 600))
	path := p.Screenshot(t, "hem 375/ljus")
	if filepath.Dir(path) != out || filepath.Base(path) != "hem-375-ljus.png" {
		t.Errorf("path %s", path)
	}
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	// A full-page screenshot is taller than the viewport: the PNG's IHDR
	// holds width and height.
	if len(data) < 24 {
		t.Fatalf("%d bytes", len(data))
	}
	w := int(data[16])<<24 | int(data[17])<<16 | int(data[18])<<8 | int(data[19])
	h := int(data[20])<<24 | int(data[21])<<16 | int(data[22])<<8 | int(data[23])
	if w != 375 || h <= 600 {
		t.Errorf("screenshot is %d×%d, want 375 wide and taller than 600", w, h)
	}
}

func TestHorizontalOverflow(t *testing.T) {
	b := Browser(t)
	base := Serve(t, site(t, map[string]string{
		"smal/index.html": htmlPage("Smal", "", `<p>Text som radbryts.</p><pre>kod</pre>`),
		"bred/index.html": htmlPage("Bred", `<link rel="stylesheet" href="../bred.css">`, `<p>Text</p><div class="bred">bred</div>`),
		"bred.css":        `.bred { width: 500px; }`,
	}), "/")
	if over := b.Open(t, base+"smal/", Viewport(375, 600)).HorizontalOverflow(t); len(over) != 0 {
		t.Errorf("a narrow page overflows: %q", over)
	}
	over := b.Open(t, base+"bred/", Viewport(375, 600)).HorizontalOverflow(t)
	if len(over) != 1 || !strings.HasPrefix(over[0], "main#m > div reaches ") {
		t.Errorf("a 500 px wide element at 375 px: %q", over)
	}
}

// TestMissingChromium runs this test binary again without Chromium: a
// browser test is skipped, or fails when CI is set.
func TestMissingChromium(t *testing.T) {
	if os.Getenv("BROWSERTEST_CHILD") != "" {
		Browser(t)
		t.Fatal("Browser returned without Chromium")
	}
	for _, ci := range []string{"", "true"} {
		cmd := exec.Command(os.Args[0], "-test.run=^TestMissingChromium$", "-test.v")
		cmd.Env = append(os.Environ(), "BROWSERTEST_CHILD=1", "CHROMIUM=/nonexistent/chromium", "CI="+ci)
		out, err := cmd.CombinedOutput()
		want, ok := "--- SKIP: TestMissingChromium", err == nil
		if ci != "" {
			want, ok = "--- FAIL: TestMissingChromium", err != nil
		}
		if !ok || !strings.Contains(string(out), want) || !strings.Contains(string(out), "run scripts/install-test-deps.sh") {
			t.Errorf("CI=%q: err %v, output:\n%s", ci, err, out)
		}
	}
}

// TestTabReuse: a tab that a finished test leaves is used again, also for
// the same page with a fragment, which would otherwise only scroll.
func TestTabReuse(t *testing.T) {
	b := Browser(t)
	base := Serve(t, site(t, map[string]string{"index.html": htmlPage("Hem", "", "")}), "/kb/")
	for i, u := range []string{base, base + "#m", base + "#m", base} {
		t.Run(fmt.Sprint(i), func(t *testing.T) {
			p := b.Open(t, u)
			var loc string
			p.Eval(t, "location.href", &loc)
			if loc != u || p.StatusCode() != 200 || len(p.Problems()) != 0 {
				t.Errorf("opened %s: at %s, status %d, problems %q", u, loc, p.StatusCode(), p.Problems())
			}
		})
	}
	b.mu.Lock()
	idle := len(b.idle)
	b.mu.Unlock()
	if idle == 0 {
		t.Errorf("no tab was kept for reuse")
	}
}

// TestTabWalkObscured: a link under a fixed header is not visible focus
// (WCAG 2.4.11), though its outline is; a link beside the header, and
// one partly under it, are.
func TestTabWalkObscured(t *testing.T) {
	css := `
		body { margin: 0; }
		header { position: fixed; top: 0; left: 0; right: 0; height: 120px; background: #fff; border-bottom: 1px solid #000; z-index: 1; }
		a:focus { outline: 3px solid #000; }
		.under { position: absolute; top: 40px; left: 20px; }
		.half { position: absolute; top: 110px; left: 200px; }
		main { padding-top: 160px; }
	`
	base := Serve(t, site(t, map[string]string{
		"assets/s.css": css,
		"index.html": htmlPage("Hem", `<link rel="stylesheet" href="assets/s.css">`,
			`<header><p>Sidhuvud</p></header>`+
				`<a class="under" href="a/">Under</a>`+
				`<a class="half" href="b/">Halvt</a>`+
				`<p><a href="c/">Synlig</a></p>`),
	}), "/")
	walk := Browser(t).Open(t, base).TabWalk(t, 10)
	if len(walk) != 3 {
		t.Fatalf("walked %d elements, want 3:\n%s", len(walk), joinFocus(walk))
	}
	if f := walk[0]; f.Text != "Under" || f.Visible || !strings.Contains(f.Why, "hidden under the fixed or sticky main#m > header") {
		t.Errorf("the link under the fixed header: %s", f)
	}
	for _, f := range walk[1:] {
		if !f.Visible {
			t.Errorf("a link not wholly under the header: %s", f)
		}
	}
}

// TestAxeTargetSize: two 20×20 px links side by side fail WCAG 2.5.8
// (axe's target-size, which Axe turns on); the same links 24 px apart
// pass.
func TestAxeTargetSize(t *testing.T) {
	css := `.t a { display: inline-block; width: 20px; height: 20px; background: #00c; vertical-align: top; }
		.tight a { margin: 0; }
		.spaced a { margin-right: 24px; }`
	links := `<a href="a/" aria-label="Ett"></a><a href="b/" aria-label="Två"></a><a href="c/" aria-label="Tre"></a>`
	base := Serve(t, site(t, map[string]string{
		"assets/s.css":     css,
		"tat/index.html":   htmlPage("Tätt", `<link rel="stylesheet" href="../assets/s.css">`, `<div class="t tight">`+links+`</div>`),
		"glest/index.html": htmlPage("Glest", `<link rel="stylesheet" href="../assets/s.css">`, `<div class="t spaced">`+links+`</div>`),
	}), "/")
	b := Browser(t)
	vs := b.Open(t, base+"tat/").Axe(t)
	if !slices.ContainsFunc(vs, func(v Violation) bool { return v.ID == "target-size" }) {
		t.Errorf("20×20 px links without spacing: axe reports no target-size violation; it reported %v", vs)
	}
	if vs := b.Open(t, base+"glest/").Axe(t); len(vs) != 0 {
		t.Errorf("20×20 px links 24 px apart: %v", vs)
	}
}

// TestDragHandlers: a listener for pointer movement that a script adds,
// and a draggable element, are found; a page with click handlers only has
// none.
func TestDragHandlers(t *testing.T) {
	base := Serve(t, site(t, map[string]string{
		"drag.js":          `document.getElementById('k').addEventListener('pointermove', () => {});`,
		"click.js":         `document.getElementById('k').addEventListener('click', () => {});`,
		"dra/index.html":   htmlPage("Dra", `<script src="../drag.js" defer></script>`, `<p id="k">Karta</p><p draggable="true">Flytta</p>`),
		"klick/index.html": htmlPage("Klick", `<script src="../click.js" defer></script>`, `<p id="k">Karta</p>`),
	}), "/")
	b := Browser(t)
	got := b.Open(t, base+"dra/").DragHandlers(t)
	want := []string{"p#k: pointermove", "main#m > p:nth-of-type(2): draggable"}
	if !slices.Equal(got, want) {
		t.Errorf("DragHandlers = %q, want %q", got, want)
	}
	if got := b.Open(t, base+"klick/").DragHandlers(t); len(got) != 0 {
		t.Errorf("a page with a click handler: %q", got)
	}
}
