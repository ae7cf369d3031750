// Package vocab holds the controlled vocabularies content is checked
// against: Sweden's municipalities and counties (shipped with the generator)
// and the technology areas of content/omraden.yaml (written by editors).
package vocab

import (
	_ "embed"
	"encoding/csv"
	"fmt"
	"strings"
	"sync"

	"kunskapsbanken/generator/internal/slug"
)

//go:embed data/kommuner.csv
var kommunerCSV string

//go:embed data/kommuner-centroider.csv
var centroidsCSV string

// LanGeoJSON is the county boundaries, for drawing a map.
//
//go:embed data/lan.geojson
var LanGeoJSON []byte

// Municipality is one of Sweden's 290 municipalities.
type Municipality struct {
	Code     string // four digits, "1281"
	Name     string // as SCB writes it, "Lund"
	Slug     string // "lund"
	County   *County
	Lat, Lon float64 // a point inside the municipality
}

// County is one of Sweden's 21 counties (län).
type County struct {
	Code           string // two digits, "12"
	Name           string // "Skåne län"
	Slug           string // "skane-lan"
	Municipalities []*Municipality
}

// Geography is the municipalities and counties, in code order.
type Geography struct {
	Municipalities []*Municipality
	Counties       []*County
	byName         map[string]*Municipality
	names          []string
}

var (
	geoOnce sync.Once
	geo     *Geography
)

// Sweden returns the municipalities and counties shipped with the
// generator. The data is parsed once and must not be modified.
func Sweden() *Geography {
	geoOnce.Do(func() {
		g, err := parseGeography(kommunerCSV, centroidsCSV)
		if err != nil {
			panic("vocab: embedded data is broken: " + err.Error())
		}
		geo = g
	})
	return geo
}

func parseGeography(kommuner, centroids string) (*Geography, error) {
	rows, err := csv.NewReader(strings.NewReader(kommuner)).ReadAll()
	if err != nil {
		return nil, err
	}
	g := &Geography{byName: map[string]*Municipality{}}
	counties := map[string]*County{}
	for _, r := range rows[1:] {
		if len(r) != 4 {
			return nil, fmt.Errorf("kommuner.csv: row %v has %d fields", r, len(r))
		}
		c := counties[r[2]]
		if c == nil {
			c = &County{Code: r[2], Name: r[3], Slug: slug.Make(r[3])}
			counties[r[2]] = c
			g.Counties = append(g.Counties, c)
		}
		m := &Municipality{Code: r[0], Name: r[1], Slug: slug.Make(r[1]), County: c}
		c.Municipalities = append(c.Municipalities, m)
		g.Municipalities = append(g.Municipalities, m)
		g.byName[m.Name] = m
		g.names = append(g.names, m.Name)
	}
	disambiguate(g.Municipalities)
	points, err := csv.NewReader(strings.NewReader(centroids)).ReadAll()
	if err != nil {
		return nil, err
	}
	byCode := map[string]*Municipality{}
	for _, m := range g.Municipalities {
		byCode[m.Code] = m
	}
	for _, r := range points[1:] {
		m := byCode[r[0]]
		if m == nil {
			return nil, fmt.Errorf("kommuner-centroider.csv: unknown code %s", r[0])
		}
		if _, err := fmt.Sscanf(r[2]+" "+r[3], "%g %g", &m.Lat, &m.Lon); err != nil {
			return nil, fmt.Errorf("kommuner-centroider.csv: %v: %v", r, err)
		}
	}
	return g, nil
}

// disambiguate gives municipalities whose names make the same slug (Habo
// and Håbo, once å is written a) each a slug with its county's added:
// "habo-jonkopings-lan", "habo-uppsala-lan". Neither takes the plain one,
// which would make the page a link leads to depend on which of two names
// the other is, and each page needs a URL of its own.
func disambiguate(ms []*Municipality) {
	bySlug := map[string][]*Municipality{}
	for _, m := range ms {
		bySlug[m.Slug] = append(bySlug[m.Slug], m)
	}
	for _, same := range bySlug {
		if len(same) > 1 {
			for _, m := range same {
				m.Slug = slug.Make(m.Name + " " + m.County.Name)
			}
		}
	}
}

// Municipality returns the municipality with exactly this name, or nil.
func (g *Geography) Municipality(name string) *Municipality { return g.byName[name] }

// Names returns every municipality name, in code order, for suggestions.
func (g *Geography) Names() []string { return g.names }
