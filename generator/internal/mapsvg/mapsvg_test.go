package mapsvg

import (
	"encoding/xml"
	"io"
	"regexp"
	"strings"
	"testing"
)

func TestTenths(t *testing.T) {
	for v, want := range map[int]string{0: "0", 5: ".5", -5: "-.5", 30: "3", 123: "12.3", -123: "-12.3", 1000: "100"} {
		if got := tenths(v); got != want {
			t.Errorf("tenths(%d) = %q, want %q", v, got, want)
		}
	}
}

func TestSimplifyKeepsShape(t *testing.T) {
	// A square with many points on each side simplifies to its corners.
	var ring []point
	for i := 0; i < 10; i++ {
		ring = append(ring, point{i * 10, 0})
	}
	for i := 0; i < 10; i++ {
		ring = append(ring, point{100, i * 10})
	}
	for i := 0; i < 10; i++ {
		ring = append(ring, point{100 - i*10, 100})
	}
	for i := 0; i < 10; i++ {
		ring = append(ring, point{0, 100 - i*10})
	}
	ring = append(ring, point{0, 0})
	got := simplify(ring, 1)
	want := []point{{0, 0}, {100, 0}, {100, 100}, {0, 100}, {0, 0}}
	if len(got) != len(want) {
		t.Fatalf("got %v, want %v", got, want)
	}
	for i := range got {
		if got[i] != want[i] {
			t.Fatalf("got %v, want %v", got, want)
		}
	}
}

// TestSweden: the map is well-formed XML, small, has every county, escapes
// its texts, puts no style attribute anywhere and draws big markers first.
func TestSweden(t *testing.T) {
	svg, err := Sweden(Options{
		ID:        "karta",
		Label:     `Karta "<över>" & län`,
		Highlight: map[string]bool{"12": true},
		Markers: []Marker{
			{Lat: 55.7, Lon: 13.2, R: Radius(1), Href: "/kb/kommuner/lund/", Label: "Lund: 1 fallstudie"},
			{Lat: 59.37, Lon: 16.5, R: Radius(7), Href: "/kb/kommuner/eskilstuna/?a=1&b=<2>", Label: `<script>alert("x")</script>`},
		},
	})
	if err != nil {
		t.Fatal(err)
	}
	s := string(svg)
	d := xml.NewDecoder(strings.NewReader(s))
	for {
		if _, err := d.Token(); err == io.EOF {
			break
		} else if err != nil {
			t.Fatalf("not well-formed: %v\n%s", err, s)
		}
	}
	if n := strings.Count(s, "<path"); n != 21 {
		t.Errorf("%d county outlines, want 21", n)
	}
	if n := strings.Count(s, `class="har"`); n != 1 {
		t.Errorf("%d highlighted counties, want 1", n)
	}
	if len(s) > 16000 {
		t.Errorf("the map is %d bytes; simplify more", len(s))
	}
	for _, bad := range []string{"style=", "<script", `"<`, "&b=<"} {
		if strings.Contains(s, bad) {
			t.Errorf("the map contains %q", bad)
		}
	}
	if !strings.Contains(s, `aria-label="Karta &#34;&lt;över&gt;&#34; &amp; län"`) {
		t.Errorf("the label is not escaped: %s", s[:300])
	}
	if i, j := strings.Index(s, "eskilstuna"), strings.Index(s, "lund"); i < 0 || j < 0 || i > j {
		t.Error("the larger marker is not drawn first")
	}
	if regexp.MustCompile(`\d\.\d\d`).MatchString(s) {
		t.Error("a coordinate has more than one decimal")
	}
	again, _ := Sweden(Options{ID: "karta", Label: `Karta "<över>" & län`, Highlight: map[string]bool{"12": true}})
	if !strings.HasPrefix(string(again), s[:strings.Index(s, "</g>")]) {
		t.Error("two maps of the same counties differ")
	}
}
