// Package mapsvg draws Sweden's counties as an inline SVG map at build
// time, with linked markers for places, so that the home page can show
// where the case studies come from without a map library, tiles or script.
//
// The county boundaries are vocab.LanGeoJSON. They are projected with an
// equirectangular projection whose longitudes are shortened by cos(62°),
// the middle of Sweden, simplified with Douglas–Peucker to a tenth of a map
// unit, and written with one decimal as relative path commands: the whole
// outline costs a few kilobytes. This is done once per process; only the
// markers change from build to build.
//
// The SVG carries no style attribute (the content security policy blocks
// them): its look comes from classes the theme's stylesheet styles —
// "karta" on the svg, "lan" on each county, "har" on counties that are
// highlighted, "punkt" on each marker's circle.
//
// Every text in the SVG is HTML-escaped here; numbers are formatted here.
// So the result is safe to put into a page as template.HTML.
package mapsvg

import (
	"encoding/json"
	"fmt"
	"html/template"
	"math"
	"sort"
	"strconv"
	"strings"
	"sync"

	"kunskapsbanken/generator/internal/vocab"
)

// Scale and padding of the map, in map units: one degree of latitude is
// Scale units, so Sweden is about 200 units wide and 440 high.
const (
	Scale   = 32.0
	Padding = 8.0
	// tolerance is how far, in map units, a simplified outline may stray
	// from the original.
	tolerance = 0.35
)

var cosMid = math.Cos(62 * math.Pi / 180)

// Marker is one linked point on the map.
type Marker struct {
	Lat, Lon float64
	R        float64 // radius in map units
	Href     string  // where the marker links to
	Label    string  // the link's accessible name and tooltip: "Lund: 7 fallstudier"
}

// Options is what one map shows.
type Options struct {
	ID        string          // id of the svg element; may be empty
	Label     string          // the accessible name of the whole map
	Highlight map[string]bool // county codes ("12") drawn as having something
	Markers   []Marker
}

// county is one county's outline, projected and simplified.
type county struct {
	code string // SCB county code, two digits
	name string
	path string // SVG path data
}

type outline struct {
	counties      []county // by code
	width, height float64  // of the view box
	minLon        float64
	maxLat        float64
}

var (
	once   sync.Once
	shapes *outline
	err    error
)

func load() (*outline, error) {
	once.Do(func() { shapes, err = parse(vocab.LanGeoJSON) })
	return shapes, err
}

type geoJSON struct {
	Features []struct {
		Properties struct {
			Name string `json:"name"`
			ID   int    `json:"l_id"`
		} `json:"properties"`
		Geometry struct {
			Type        string          `json:"type"`
			Coordinates json.RawMessage `json:"coordinates"`
		} `json:"geometry"`
	} `json:"features"`
}

// point is a projected point in tenths of a map unit.
type point struct{ x, y int }

func parse(data []byte) (*outline, error) {
	var g geoJSON
	if err := json.Unmarshal(data, &g); err != nil {
		return nil, fmt.Errorf("mapsvg: county boundaries: %w", err)
	}
	type raw struct {
		code, name string
		polys      [][][][2]float64
	}
	var all []raw
	minLon, maxLon, minLat, maxLat := math.Inf(1), math.Inf(-1), math.Inf(1), math.Inf(-1)
	for _, f := range g.Features {
		var polys [][][][2]float64
		switch f.Geometry.Type {
		case "Polygon":
			var p [][][2]float64
			if err := json.Unmarshal(f.Geometry.Coordinates, &p); err != nil {
				return nil, fmt.Errorf("mapsvg: %s: %w", f.Properties.Name, err)
			}
			polys = [][][][2]float64{p}
		case "MultiPolygon":
			if err := json.Unmarshal(f.Geometry.Coordinates, &polys); err != nil {
				return nil, fmt.Errorf("mapsvg: %s: %w", f.Properties.Name, err)
			}
		default:
			return nil, fmt.Errorf("mapsvg: %s: unexpected geometry %s", f.Properties.Name, f.Geometry.Type)
		}
		for _, p := range polys {
			for _, ring := range p {
				for _, c := range ring {
					minLon, maxLon = math.Min(minLon, c[0]), math.Max(maxLon, c[0])
					minLat, maxLat = math.Min(minLat, c[1]), math.Max(maxLat, c[1])
				}
			}
		}
		all = append(all, raw{fmt.Sprintf("%02d", f.Properties.ID), f.Properties.Name, polys})
	}
	if len(all) == 0 {
		return nil, fmt.Errorf("mapsvg: no counties in the boundaries")
	}
	o := &outline{minLon: minLon, maxLat: maxLat}
	o.width = round1((maxLon-minLon)*cosMid*Scale + 2*Padding)
	o.height = round1((maxLat-minLat)*Scale + 2*Padding)
	for _, r := range all {
		var b strings.Builder
		for _, p := range r.polys {
			for _, ring := range p {
				pts := make([]point, len(ring))
				for i, c := range ring {
					x, y := o.project(c[1], c[0])
					pts[i] = point{int(math.Round(x * 10)), int(math.Round(y * 10))}
				}
				writeRing(&b, simplify(pts, tolerance*10))
			}
		}
		o.counties = append(o.counties, county{code: r.code, name: r.name, path: b.String()})
	}
	sort.Slice(o.counties, func(i, j int) bool { return o.counties[i].code < o.counties[j].code })
	return o, nil
}

// project returns the map position of a latitude and longitude.
func (o *outline) project(lat, lon float64) (x, y float64) {
	return (lon-o.minLon)*cosMid*Scale + Padding, (o.maxLat-lat)*Scale + Padding
}

// writeRing writes a closed ring as a relative path: "m12.3 45.6l1-.2…z".
// Rings that simplify to fewer than three points are left out.
func writeRing(b *strings.Builder, pts []point) {
	if n := len(pts); n > 1 && pts[0] == pts[n-1] {
		pts = pts[:n-1]
	}
	if len(pts) < 3 {
		return
	}
	var prev point
	for i, p := range pts {
		if i == 0 {
			b.WriteString("M")
			b.WriteString(tenths(p.x))
			writeNum(b, p.y)
			b.WriteString("l")
			prev = p
			continue
		}
		if i > 1 {
			writeNum(b, p.x-prev.x)
		} else {
			b.WriteString(tenths(p.x - prev.x))
		}
		writeNum(b, p.y-prev.y)
		prev = p
	}
	b.WriteString("z")
}

// writeNum writes a number after another one: a minus sign separates it.
func writeNum(b *strings.Builder, v int) {
	if v >= 0 {
		b.WriteByte(' ')
	}
	b.WriteString(tenths(v))
}

// tenths formats a number of tenths with at most one decimal and no
// leading zero: 123 → "12.3", -5 → "-.5", 30 → "3".
func tenths(v int) string {
	neg := v < 0
	if neg {
		v = -v
	}
	s := strconv.Itoa(v / 10)
	if d := v % 10; d != 0 {
		if s == "0" {
			s = ""
		}
		s += "." + strconv.Itoa(d)
	}
	if neg {
		return "-" + s
	}
	return s
}

func round1(v float64) float64 { return math.Round(v*10) / 10 }

// simplify is Douglas–Peucker over a closed ring: it keeps the points that
// lie more than tol from the line between the points kept around them.
func simplify(pts []point, tol float64) []point {
	if len(pts) < 4 {
		return pts
	}
	keep := make([]bool, len(pts))
	keep[0], keep[len(pts)-1] = true, true
	// A closed ring starts and ends at the same point: split it at the
	// point farthest from the start, so that both halves have a chord.
	far, best := 0, -1.0
	for i, p := range pts {
		if d := dist2(p, pts[0]); d > best {
			far, best = i, d
		}
	}
	keep[far] = true
	var rec func(lo, hi int)
	rec = func(lo, hi int) {
		if hi-lo < 2 {
			return
		}
		idx, dmax := -1, tol
		for i := lo + 1; i < hi; i++ {
			if d := segDist(pts[i], pts[lo], pts[hi]); d > dmax {
				idx, dmax = i, d
			}
		}
		if idx >= 0 {
			keep[idx] = true
			rec(lo, idx)
			rec(idx, hi)
		}
	}
	rec(0, far)
	rec(far, len(pts)-1)
	out := make([]point, 0, len(pts))
	for i, p := range pts {
		if keep[i] && (len(out) == 0 || out[len(out)-1] != p) {
			out = append(out, p)
		}
	}
	return out
}

func dist2(a, b point) float64 {
	dx, dy := float64(a.x-b.x), float64(a.y-b.y)
	return dx*dx + dy*dy
}

// segDist is the distance from p to the segment from a to b.
func segDist(p, a, b point) float64 {
	l2 := dist2(a, b)
	if l2 == 0 {
		return math.Sqrt(dist2(p, a))
	}
	t := (float64(p.x-a.x)*float64(b.x-a.x) + float64(p.y-a.y)*float64(b.y-a.y)) / l2
	t = math.Max(0, math.Min(1, t))
	qx, qy := float64(a.x)+t*float64(b.x-a.x), float64(a.y)+t*float64(b.y-a.y)
	dx, dy := float64(p.x)-qx, float64(p.y)-qy
	return math.Sqrt(dx*dx + dy*dy)
}

// Radius is the radius a marker for n things gets: its area grows with n,
// and even one thing is large enough to see and to hit.
func Radius(n int) float64 { return 3.5 + 1.5*math.Sqrt(float64(n)) }

// Sweden draws the counties and the markers of opt. Markers are drawn
// largest first, so that a small one is never hidden under a large one;
// markers of the same size keep their order.
func Sweden(opt Options) (template.HTML, error) {
	o, err := load()
	if err != nil {
		return "", err
	}
	esc := template.HTMLEscapeString
	var b strings.Builder
	b.WriteString(`<svg class="karta" xmlns="http://www.w3.org/2000/svg"`)
	if opt.ID != "" {
		fmt.Fprintf(&b, ` id="%s"`, esc(opt.ID))
	}
	fmt.Fprintf(&b, ` viewBox="0 0 %s %s" width="%s" height="%s" role="group" aria-label="%s">`,
		num(o.width), num(o.height), num(o.width), num(o.height), esc(opt.Label))
	b.WriteString(`<g class="lan" aria-hidden="true">`)
	for _, c := range o.counties {
		class := ""
		if opt.Highlight[c.code] {
			class = ` class="har"`
		}
		fmt.Fprintf(&b, `<path%s d="%s"/>`, class, c.path)
	}
	b.WriteString(`</g>`)
	markers := append([]Marker(nil), opt.Markers...)
	sort.SliceStable(markers, func(i, j int) bool { return markers[i].R > markers[j].R })
	for _, m := range markers {
		x, y := o.project(m.Lat, m.Lon)
		fmt.Fprintf(&b, `<a href="%s" aria-label="%s"><title>%s</title><circle class="punkt" cx="%s" cy="%s" r="%s"/></a>`,
			esc(m.Href), esc(m.Label), esc(m.Label), num(x), num(y), num(m.R))
	}
	b.WriteString(`</svg>`)
	return template.HTML(b.String()), nil
}

// num writes a map coordinate with at most one decimal.
func num(v float64) string { return tenths(int(math.Round(v * 10))) }
