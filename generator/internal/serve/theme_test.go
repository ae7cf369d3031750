package serve

import (
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// TestServeWithoutThemes: kb serve in a folder with only site.yaml and
// content/, as an editor downloads it, serves the site with the theme kb
// embeds, the same as kb build -drafts; a theme folder the editor adds
// while it runs is taken at once, whole.
func TestServeWithoutThemes(t *testing.T) {
	dir := fromRepo(t, "site.yaml", "content")
	settle, url := sessionAt(t, dir)

	res, err := http.Get(url + "sidor/om/")
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	if res.StatusCode != http.StatusOK || !strings.HasPrefix(res.Header.Get("Content-Type"), "text/html") {
		t.Fatalf("GET /sidor/om/: %s, %s", res.Status, res.Header.Get("Content-Type"))
	}

	// The theme folder appears whole, as unpacking or a rename makes it,
	// with its own 404 page.
	theme := fromRepo(t, "themes/default")
	own := `{{define "main"}}<h1>Eget tema</h1>{{end}}`
	if err := os.WriteFile(filepath.Join(theme, "themes/default/layouts/404.html"), []byte(own), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Rename(filepath.Join(theme, "themes"), filepath.Join(dir, "themes")); err != nil {
		t.Fatal(err)
	}

	deadline := time.Now().Add(2 * time.Minute)
	for {
		u, files := settle("themes/ added")
		why := differences(t, dir, files)
		if u.Published && len(why) == 0 && strings.Contains(string(files["404.html"]), "<h1>Eget tema</h1>") {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("the project's own theme was never served: published %v, %q, %v", u.Published, why[:min(len(why), 10)], u.Diags)
		}
	}
}
