package serve

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"kunskapsbanken/generator/internal/browsertest"
)

func TestMain(m *testing.M) { browsertest.Main(m) }

// TestOverlayInBrowser: in a real browser, a change that breaks the
// content shows the errors over the open page, which keeps showing the last
// good version; fixing it removes the errors and reloads the page at the
// same scroll position. (When text above the reader changes, Chrome's own
// restoration keeps the same text in view instead, which is what a reader
// wants.)
func TestOverlayInBrowser(t *testing.T) {
	b := browsertest.Browser(t)
	dir := project(t)
	settle, url := sessionAt(t, dir)
	rel := "content/fallstudier/lund-digitala-las.md"
	file := filepath.Join(dir, filepath.FromSlash(rel))
	good, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}

	p := b.Open(t, url+"fallstudier/lund-digitala-las/", browsertest.Viewport(800, 600))
	var y float64
	p.Eval(t, `window.scrollTo(0, 400), window.scrollY`, &y)
	if y < 300 {
		t.Fatalf("the page is too short to scroll: scrollY = %v", y)
	}
	p.Eval(t, `window.kbMarker = "före", true`, nil)

	broken := strings.Replace(string(good), "title:", "titel:", 1)
	if err := os.WriteFile(file, []byte(broken), 0o644); err != nil {
		t.Fatal(err)
	}
	settle("broken")
	// The overlay with this error: a save can arrive in two parts, and the
	// first (an empty file) has errors of its own.
	p.Poll(t, `document.getElementById("kb-fel")?.textContent.includes(`+jsString(rel+`:2:1: okänd nyckel "titel"`)+`) === true`, time.Minute)
	var overlay struct {
		Text, Role string
		Still      bool
	}
	p.Eval(t, `({text: document.getElementById("kb-fel").textContent,
		role: document.getElementById("kb-fel").getAttribute("role"),
		still: window.kbMarker === "före" && document.querySelector("h1") !== null})`, &overlay)
	if !strings.Contains(overlay.Text, rel+`:2:1: okänd nyckel "titel"; menade du "title"?`) || overlay.Role != "alert" || !overlay.Still {
		t.Errorf("overlay %+v", overlay)
	}

	// The fix changes the end of the page, so the text above the reader
	// stays where it was.
	fixed := string(good) + "\nEtt nytt stycke längst ner.\n"
	if err := os.WriteFile(file, []byte(fixed), 0o644); err != nil {
		t.Fatal(err)
	}
	if u, _ := settle("fixed"); u.Rendered != 1 {
		// reload.js gave the server the page's path: it is rendered before
		// the update is published, and nothing else is
		t.Errorf("the fix rendered %d pages before it was published, want the page in view", u.Rendered)
	}
	// The page reloads: the marker set before is gone, the new title shows,
	// no errors, and the reader is where they were.
	p.Poll(t, `window.kbMarker === undefined && document.readyState === "complete" &&
		document.querySelector(".body").textContent.includes("Ett nytt stycke längst ner.") && !document.getElementById("kb-fel")`, time.Minute)
	p.Poll(t, `Math.abs(window.scrollY - 400) < 5`, 30*time.Second)
	if probs := p.Problems(); len(probs) > 0 {
		t.Errorf("browser problems: %q", probs)
	}
}

// jsString is s as a JavaScript string literal.
func jsString(s string) string {
	b, _ := json.Marshal(s)
	return string(b)
}
