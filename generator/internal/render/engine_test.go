package render

import (
	"regexp"
	"strings"
	"testing"
)

// TestEngineAsset: the search engine is published among the theme's
// assets, minified and fingerprinted, and a theme cannot bring its own.
func TestEngineAsset(t *testing.T) {
	t.Run("published", func(t *testing.T) {
		th, _ := LoadTheme("themes/t", map[string][]byte{"static/style.css": []byte("a { color: red }")}, "sv")
		p := th.byName["sok.js"]
		if !regexp.MustCompile(`^assets/sok\.[0-9a-f]{10}\.js$`).MatchString(p) {
			t.Fatalf("the engine's path is %q, want assets/sok.<hash>.js", p)
		}
		for _, a := range th.assets {
			if a.Name == "sok.js" && (len(a.Data) == 0 || strings.Contains(string(a.Data), "\n  ")) {
				t.Errorf("the engine is empty or not minified: %.80q", a.Data)
			}
		}
	})
	t.Run("the theme's own", func(t *testing.T) {
		_, diags := LoadTheme("themes/t", map[string][]byte{"static/sok.js": []byte("export {}")}, "sv")
		found := false
		for _, d := range diags {
			found = found || d.Path == "themes/t/static/sok.js" && strings.Contains(d.Message, "kb skriver sökmotorn")
		}
		if !found {
			t.Errorf("no message for the theme's static/sok.js: %v", diags)
		}
	})
}
