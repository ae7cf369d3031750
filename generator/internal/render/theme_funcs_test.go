package render

import (
	"encoding/json"
	"strings"
	"testing"
	"time"

	"kunskapsbanken/generator/internal/config"
	"kunskapsbanken/generator/internal/page"
	"kunskapsbanken/generator/internal/site"
	"kunskapsbanken/generator/internal/yamldoc"
)

// TestJSONLD: the schema.org data of a page is JSON that cannot close its
// script element, whatever the editor wrote, and has the fields search
// engines read.
func TestJSONLD(t *testing.T) {
	hostile := `</script><script>alert("x")</script> & <!--`
	s := &site.Site{Config: config.Site{Title: "Kunskapsbanken", BaseURL: "https://example.org/kb/", Language: "sv"}}
	p := &site.Page{Kind: page.CaseStudy, URL: "fallstudier/x/", Meta: &page.Meta{
		Title: hostile, Summary: hostile, Region: "Region Skåne",
		Published: yamldoc.Date{Time: time.Date(2020, 6, 1, 0, 0, 0, 0, time.UTC)},
	}}
	d := &Data{Site: s, Layout: "fallstudier", URL: p.URL, Title: hostile, Page: p,
		Crumbs: []Crumb{{"Start", ""}, {"Fallstudier", "fallstudier/"}}}
	js, err := jsonLD(&Theme{}, d)
	if err != nil {
		t.Fatal(err)
	}
	out := string(js)
	if strings.ContainsAny(out, "<>&") {
		t.Errorf("JSON-LD contains <, > or &: %s", out)
	}
	var g struct {
		Graph []map[string]any `json:"@graph"`
	}
	if err := json.Unmarshal([]byte(js), &g); err != nil {
		t.Fatalf("not JSON: %v\n%s", err, out)
	}
	if len(g.Graph) != 2 {
		t.Fatalf("want an Article and a BreadcrumbList: %s", out)
	}
	a := g.Graph[0]
	for k, want := range map[string]any{
		"@type": "Article", "headline": hostile, "datePublished": "2020-06-01", "dateModified": "2020-06-01",
		"inLanguage": "sv", "url": "https://example.org/kb/fallstudier/x/",
	} {
		if a[k] != want {
			t.Errorf("%s = %v, want %v", k, a[k], want)
		}
	}
	if about, _ := a["about"].(map[string]any); about["name"] != "Region Skåne" {
		t.Errorf("about = %v, want the region", a["about"])
	}
	items, _ := g.Graph[1]["itemListElement"].([]any)
	if len(items) != 3 {
		t.Fatalf("breadcrumbs: %v", g.Graph[1])
	}
	if last, _ := items[2].(map[string]any); last["position"] != 3.0 || last["item"] != "https://example.org/kb/fallstudier/x/" {
		t.Errorf("last breadcrumb: %v", last)
	}
}

// TestNav: the main navigation marks a section's first page as the page
// and every page below it as inside the section, under any base path.
func TestNav(t *testing.T) {
	th := &Theme{strings: map[string]string{"section.fallstudier": "Fallstudier", "section.lan": "Län"}}
	nav := themeFuncs(th, config.Site{BaseURL: "/kb/"})["nav"].(func(string, ...string) []NavLink)
	for _, c := range []struct{ url, want string }{
		{"", "/kb/fallstudier/ Fallstudier -|/kb/lan/ Län -"},
		{"fallstudier/", "/kb/fallstudier/ Fallstudier page|/kb/lan/ Län -"},
		{"fallstudier/sida/2/", "/kb/fallstudier/ Fallstudier true|/kb/lan/ Län -"},
		{"lan/skane/", "/kb/fallstudier/ Fallstudier -|/kb/lan/ Län true"},
		{"lanet/", "/kb/fallstudier/ Fallstudier -|/kb/lan/ Län -"},
	} {
		var got []string
		for _, l := range nav(c.url, "fallstudier", "lan") {
			cur := l.Current
			if cur == "" {
				cur = "-"
			}
			got = append(got, l.URL+" "+l.Label+" "+cur)
		}
		if g := strings.Join(got, "|"); g != c.want {
			t.Errorf("nav(%q) = %s, want %s", c.url, g, c.want)
		}
	}
}
