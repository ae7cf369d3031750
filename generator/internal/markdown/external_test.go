package markdown

import (
	"reflect"
	"testing"
)

// TestExternal: http and https destinations of links, images and
// autolinks are listed with their positions, for kb check -external; other
// schemes and internal links are not.
func TestExternal(t *testing.T) {
	src := "Se [SKR](https://skr.se/x) och <https://example.org/a>.\n\n" +
		"- www.lund.se visar mer\n- ![Karta](http://example.org/karta.png)\n\n" +
		"[post](mailto:a@example.org) [sida](sida.md)\n"
	got := New().Render([]byte(src), nil).External
	var urls []string
	for _, l := range got {
		urls = append(urls, l.URL)
	}
	want := []string{"https://skr.se/x", "https://example.org/a", "http://www.lund.se", "http://example.org/karta.png"}
	if !reflect.DeepEqual(urls, want) {
		t.Fatalf("external = %q, want %q", urls, want)
	}
	pos := [][2]int{{got[0].Line, got[0].Col}, {got[1].Line, got[1].Col}, {got[3].Line, got[3].Col}}
	if wantPos := [][2]int{{1, 4}, {1, 32}, {4, 3}}; !reflect.DeepEqual(pos, wantPos) {
		t.Errorf("positions %v, want %v", pos, wantPos)
	}
	if got[2].Line != 3 {
		t.Errorf("www autolink on line %d, want 3", got[2].Line)
	}
}
