package serve

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"io/fs"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"kunskapsbanken/generator/internal/output"
	"kunskapsbanken/generator/internal/pipeline"
)

const repoRoot = "../../.."

// project copies the repository's settings, content and theme into a
// folder the test may change.
func project(t *testing.T) string {
	t.Helper()
	return fromRepo(t, "site.yaml", "content", "themes/default")
}

// fromRepo copies files and folders of the repository into a new folder.
func fromRepo(t *testing.T, roots ...string) string {
	t.Helper()
	dir := t.TempDir()
	for _, root := range roots {
		err := filepath.WalkDir(filepath.Join(repoRoot, root), func(p string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() {
				return err
			}
			rel, _ := filepath.Rel(repoRoot, p)
			data, err := os.ReadFile(p)
			if err != nil {
				return err
			}
			os.MkdirAll(filepath.Join(dir, filepath.Dir(rel)), 0o755)
			return os.WriteFile(filepath.Join(dir, rel), data, 0o644)
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

func rawGet(t *testing.T, addr, target string) (status int, body string) {
	t.Helper()
	c, err := net.Dial("tcp", addr)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	fmt.Fprintf(c, "GET %s HTTP/1.1\r\nHost: %s\r\nConnection: close\r\n\r\n", target, addr)
	res, err := http.ReadResponse(bufio.NewReader(c), nil)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	b, _ := io.ReadAll(res.Body)
	return res.StatusCode, string(b)
}

// serveHTTP serves p on 127.0.0.1 until the test ends, as kb serve would.
func serveHTTP(t *testing.T, p *pipeline.Preview) *httptest.Server {
	t.Helper()
	srv := httptest.NewUnstartedServer(nil)
	srv.Config.Handler = NewServer(p, srv.Listener.Addr().String())
	srv.Start()
	t.Cleanup(srv.Close)
	return srv
}

// TestServesOnlyTheSite: no spelling of a path reaches the project's
// files, only the built site's.
func TestServesOnlyTheSite(t *testing.T) {
	dir := project(t)
	p := pipeline.NewPreview(pipeline.Options{Root: os.DirFS(dir), BaseURL: "/"})
	if u, err := p.Update(nil); err != nil || !u.Published {
		t.Fatalf("%v %v", err, u.Diags)
	}
	srv := serveHTTP(t, p)
	addr := strings.TrimPrefix(srv.URL, "http://")
	secret, _ := os.ReadFile(filepath.Join(dir, "site.yaml"))
	for _, target := range []string{"/../site.yaml", "/..%2fsite.yaml", "/%2e%2e/site.yaml", "/content/sidor/om.md", "/../../../../etc/passwd", "//site.yaml", "/fallstudier/../../site.yaml"} {
		status, body := rawGet(t, addr, target)
		if status != http.StatusNotFound || strings.Contains(body, string(secret[:40])) || strings.Contains(body, "root:") {
			t.Errorf("GET %s: status %d, body %.80q", target, status, body)
		}
	}
	status, body := rawGet(t, addr, "/sidor/om/")
	if status != 200 || !strings.Contains(body, scriptTag+"</body>") {
		t.Errorf("a page: status %d, reload script missing", status)
	}
	if status, _ := rawGet(t, addr, "/sidor/om"); status != http.StatusMovedPermanently {
		t.Errorf("a page without its slash: status %d, want a redirect", status)
	}
}

// TestEvents: a browser connected to /__kb/events is told of each new
// build, and of errors, and of the errors' end.
func TestEvents(t *testing.T) {
	dir := project(t)
	p := pipeline.NewPreview(pipeline.Options{Root: os.DirFS(dir), BaseURL: "/"})
	u, _ := p.Update(nil)
	srv := serveHTTP(t, p)
	s := srv.Config.Handler.(*Server)
	s.Published(u)
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	req, _ := http.NewRequestWithContext(ctx, "GET", srv.URL+"/__kb/events", nil)
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	r := bufio.NewReader(res.Body)
	next := func() string {
		var ev []string
		for {
			line, err := r.ReadString('\n')
			if err != nil {
				t.Fatal(err)
			}
			if line == "\n" {
				return strings.Join(ev, " ")
			}
			ev = append(ev, strings.TrimSpace(line))
		}
	}
	if got := next(); got != `event: ok data: {"build":1}` {
		t.Errorf("on connect: %s", got)
	}
	os.WriteFile(filepath.Join(dir, "content/sidor/om.md"), []byte("---\ntitel: x\n---\n"), 0o644)
	u, _ = p.Update([]string{"content/sidor/om.md"})
	s.Published(u)
	want := `event: errors data: {"build":1,"messages":["content/sidor/om.md:1:1: nyckeln title saknas men krävs; lägg till till exempel title: \"Digitala lås i Lunds hemtjänst\"","content/sidor/om.md:2:1: okänd nyckel \"titel\"; menade du \"title\"?"]}`
	if got := next(); got != want {
		t.Errorf("after an error: %s", got)
	}
	os.WriteFile(filepath.Join(dir, "content/sidor/om.md"), []byte("---\ntitle: Om\n---\n"), 0o644)
	u, _ = p.Update([]string{"content/sidor/om.md"})
	s.Published(u)
	if got := next(); got != `event: ok data: {"build":2}` {
		t.Errorf("after the fix: %s", got)
	}
}

// session runs kb serve's loop on a project folder and returns a function
// that waits until updates have settled and returns the served files.
func session(t *testing.T, dir string) func(step string) (*pipeline.Update, map[string][]byte) {
	settle, _ := sessionAt(t, dir)
	return settle
}

// sessionAt is session, and also returns the URL the site is served at.
// settle brings every page up to date (Preview.Files) and waits for the
// search index, so the files it returns are all a full build writes.
func sessionAt(t *testing.T, dir string) (func(step string) (*pipeline.Update, map[string][]byte), string) {
	t.Helper()
	_, updates, url := start(t, dir)
	var last *result
	// A second without updates says nothing for certain on a busy machine;
	// callers wait, up to a generous deadline, for the state they expect.
	return func(step string) (*pipeline.Update, map[string][]byte) {
		t.Helper()
		timeout := time.After(time.Minute)
		for {
			select {
			case r := <-updates:
				last = &r
			case <-time.After(time.Second):
				if last != nil { // the state stands while no update comes
					last.p.WaitSearch()
					files, err := last.p.Files()
					if err != nil {
						t.Fatalf("%s: %v", step, err)
					}
					return last.u, files
				}
			case <-timeout:
				t.Fatalf("%s: no update within a minute", step)
			}
		}
	}, url
}

// result is one update of a session.
type result struct {
	u *pipeline.Update
	p *pipeline.Preview
}

// start runs kb serve's loop on a project folder until the test ends, and
// returns its first build, the updates after it, and the URL it serves at.
func start(t testing.TB, dir string) (result, <-chan result, string) {
	t.Helper()
	updates := make(chan result, 64)
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() {
		done <- Run(ctx, Options{Root: dir, Listener: ln, OnUpdate: func(u *pipeline.Update, p *pipeline.Preview) { updates <- result{u, p} }})
	}()
	t.Cleanup(func() {
		cancel()
		if err := <-done; err != nil {
			t.Error(err)
		}
	})
	var first result
	select {
	case first = <-updates:
	case err := <-done:
		t.Fatalf("kb serve ended before its first build: %v", err)
	}
	if !first.u.Published {
		t.Fatalf("first build: %v", first.u.Diags)
	}
	return first, updates, "http://" + ln.Addr().String() + "/"
}

// differences lists how served files differ from kb build -drafts of the
// folder; none means they are the same.
func differences(t *testing.T, dir string, files map[string][]byte) []string {
	t.Helper()
	out := filepath.Join(t.TempDir(), "public")
	res, err := pipeline.Run(pipeline.Options{Root: os.DirFS(dir), Out: out, Drafts: true, BaseURL: "/"})
	if err != nil || !res.Published {
		return []string{fmt.Sprintf("the full build failed: %v %v", err, res.Diags)}
	}
	var diff []string
	n := 0
	filepath.WalkDir(out, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || d.Name() == output.Marker {
			return err
		}
		rel, _ := filepath.Rel(out, p)
		want, _ := os.ReadFile(p)
		if got, ok := files[filepath.ToSlash(rel)]; !ok || string(got) != string(want) {
			diff = append(diff, rel+" differs from a full build")
		}
		n++
		return nil
	})
	if n != len(files) {
		diff = append(diff, fmt.Sprintf("served %d files, a full build writes %d", len(files), n))
	}
	return diff
}

// TestEditorBehaviours drives the watcher with what editors and tools
// really do, and checks the served site against a full build after each.
func TestEditorBehaviours(t *testing.T) {
	dir := project(t)
	settle := session(t, dir)
	path := func(rel string) string { return filepath.Join(dir, filepath.FromSlash(rel)) }
	read := func(rel string) string {
		b, err := os.ReadFile(path(rel))
		if err != nil {
			t.Fatal(err)
		}
		return string(b)
	}
	write := func(rel, data string) {
		os.MkdirAll(filepath.Dir(path(rel)), 0o755)
		if err := os.WriteFile(path(rel), []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	lund := "content/fallstudier/lund-digitala-las.md"
	newPage := func(title string) string {
		return "---\ntitle: \"" + title + "\"\nsummary: \"S.\"\nmunicipality: Umeå\nareas: [digitala-las]\nstatus: pilot\npublished: 2024-01-01\n---\n\nText.\n"
	}
	steps := []struct {
		name      string
		do        func()
		published bool
	}{
		{"save through a temporary file renamed over the original", func() {
			write(lund+".tmp", strings.Replace(read(lund), "## ", "## Sparad via temporär fil\n\n## ", 1))
			if err := os.Rename(path(lund+".tmp"), path(lund)); err != nil {
				t.Fatal(err)
			}
		}, true},
		{"deleted and created again", func() {
			data := read(lund)
			os.Remove(path(lund))
			time.Sleep(5 * time.Millisecond)
			write(lund, strings.Replace(data, "Sparad via temporär fil", "Skapad igen", 1))
		}, true},
		{"a folder created after start, with a page bundle in it", func() {
			write("content/fallstudier/nytt-paket/index.md", newPage("Nytt paket")+"\n![En bild](bild.png)\n")
			write("content/fallstudier/nytt-paket/bild.png", "PNG")
		}, true},
		{"the bundle's folder renamed", func() {
			if err := os.Rename(path("content/fallstudier/nytt-paket"), path("content/fallstudier/omdopt-paket")); err != nil {
				t.Fatal(err)
			}
		}, true},
		{"a checkout changing hundreds of files", func() {
			for i := 0; i < 300; i++ {
				write(fmt.Sprintf("content/fallstudier/utcheckad-%03d.md", i), newPage(fmt.Sprintf("Utcheckad %d", i)))
			}
			write(lund, strings.Replace(read(lund), "Skapad igen", "Utcheckad", 1))
		}, true},
		{"a file saved half-written", func() {
			full := newPage("Halv")
			write("content/fallstudier/halv.md", full[:20])
		}, false},
		{"the rest of the file written", func() {
			write("content/fallstudier/halv.md", newPage("Halv"))
		}, true},
		{"editors' backup files beside a saved page", func() {
			write(lund+"~", "backup")
			write("content/fallstudier/.lund-digitala-las.md.swp", "swap")
			write("content/fallstudier/4913", "")
			write(lund, strings.Replace(read(lund), "Utcheckad", "Med säkerhetskopia bredvid", 1))
		}, true},
	}
	// A burst longer than the watcher's longest wait arrives as several
	// updates; the served site must reach what a full build writes, and
	// for a broken file, the error. Each step waits for that, up to two
	// minutes (which only a preview that never gets there needs).
	for _, st := range steps {
		st.do()
		deadline := time.Now().Add(2 * time.Minute)
		var why []string
		for {
			u, files := settle(st.name)
			if st.published {
				if why = differences(t, dir, files); u.Published && len(why) == 0 {
					break
				}
			} else if !u.Published && strings.Contains(fmt.Sprint(u.Diags), "halv.md") {
				break
			} else {
				why = []string{fmt.Sprintf("published=%v %v", u.Published, u.Diags)}
			}
			if time.Now().After(deadline) {
				t.Fatalf("%s: never reached: %q", st.name, why[:min(len(why), 10)])
			}
		}
	}
}

// TestStalePagesOnRequest: through the real watcher, with a page held in
// view as reload.js holds it (its event stream with its path), a title
// edit reloads that page with the new title, and every other page that
// shows the title, rendered only when it is asked for, is what a full
// build writes.
func TestStalePagesOnRequest(t *testing.T) {
	dir := project(t)
	_, updates, url := start(t, dir)
	lund := filepath.Join(dir, "content", "fallstudier", "lund-digitala-las.md")
	src, err := os.ReadFile(lund)
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	req, _ := http.NewRequestWithContext(ctx, "GET", url+"__kb/events?path=/fallstudier/lund-digitala-las/", nil)
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	events := bufio.NewReader(res.Body)
	next := func() string { // the next event, as "name data"
		var ev []string
		for {
			line, err := events.ReadString('\n')
			if err != nil {
				t.Fatalf("events: %v", err)
			}
			if line == "\n" {
				return strings.Join(ev, " ")
			}
			ev = append(ev, strings.TrimSpace(line))
		}
	}
	if got := next(); got != `event: ok data: {"build":1}` {
		t.Fatalf("on connect: %s", got)
	}

	edited := strings.Replace(string(src), "\ntitle: ", "\ntitle: \"Nya lås i Lund\"\nx: ", 1)
	edited = strings.Replace(edited, "\nx: ", "\n# ", 1)
	if err := os.WriteFile(lund, []byte(edited), 0o644); err != nil {
		t.Fatal(err)
	}
	for next() != `event: ok data: {"build":2}` { // a save may come as two updates, the first an error
	}
	for r := range updates {
		if r.u.Published {
			if r.u.Rendered != 1 {
				t.Errorf("the update rendered %d pages before it was published, want the page in view alone", r.u.Rendered)
			}
			break
		}
	}

	// What a full build of the folder writes, with the reload script kb
	// serve adds to HTML.
	out := filepath.Join(t.TempDir(), "public")
	if r, err := pipeline.Run(pipeline.Options{Root: os.DirFS(dir), Out: out, Drafts: true, BaseURL: "/"}); err != nil || !r.Published {
		t.Fatalf("full build: %v", err)
	}
	for _, path := range []string{"fallstudier/lund-digitala-las/", "fallstudier/", "kommuner/lund/", "omraden/digitala-las/", "", "fallstudier/atom.xml", "sidor/om/"} {
		file, _ := siteFile("/" + path)
		want, err := os.ReadFile(filepath.Join(out, filepath.FromSlash(file)))
		if err != nil {
			t.Fatal(err)
		}
		if strings.HasSuffix(file, ".html") {
			want = inject(want)
		}
		status, got := rawGet(t, strings.TrimPrefix(strings.TrimSuffix(url, "/"), "http://"), "/"+path)
		if status != http.StatusOK || got != string(want) {
			t.Errorf("/%s: status %d, not what a full build writes", path, status)
		}
		if strings.HasSuffix(file, ".html") && path != "sidor/om/" && path != "" && !strings.Contains(got, "Nya lås i Lund") {
			t.Errorf("/%s does not show the new title", path)
		}
	}
}
