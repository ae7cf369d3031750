package render

import (
	"encoding/xml"
	"fmt"
	"slices"
	"testing"
	"time"

	"kunskapsbanken/generator/internal/config"
	"kunskapsbanken/generator/internal/page"
	"kunskapsbanken/generator/internal/site"
	"kunskapsbanken/generator/internal/yamldoc"
)

// sitemapJobs are n case studies, the i-th published on day i of 2020,
// with a home page first and the 404 and search pages among them.
func sitemapJobs(n int) (*site.Site, []*Data) {
	s := &site.Site{Config: config.Site{Title: "K", BaseURL: "https://example.org/kb/", Language: "sv"}}
	jobs := []*Data{{Site: s, Layout: "home"}, {Site: s, Layout: "404", URL: "404/"}, {Site: s, Layout: "sok", URL: "sok/"}}
	for i := range n {
		p := &site.Page{Kind: page.CaseStudy, URL: fmt.Sprintf("fallstudier/f%d/", i), Meta: &page.Meta{
			Published: yamldoc.Date{Time: time.Date(2020, 1, 1+i, 0, 0, 0, 0, time.UTC)},
		}}
		jobs = append(jobs, &Data{Site: s, Layout: "fallstudier", URL: p.URL, Page: p})
	}
	return s, jobs
}

type urlset struct {
	XMLName xml.Name `xml:"http://www.sitemaps.org/schemas/sitemap/0.9 urlset"`
	URLs    []struct {
		Loc     string `xml:"loc"`
		LastMod string `xml:"lastmod"`
	} `xml:"url"`
}

type sitemapIndex struct {
	XMLName  xml.Name `xml:"http://www.sitemaps.org/schemas/sitemap/0.9 sitemapindex"`
	Sitemaps []struct {
		Loc     string `xml:"loc"`
		LastMod string `xml:"lastmod"`
	} `xml:"sitemap"`
}

// TestSitemapParts: a site within the protocol's limits has one sitemap;
// beyond either limit (URLs, bytes) its URLs are split in parts, in order,
// none over the limits, and sitemap.xml is their index, each part with
// the latest date of its pages.
func TestSitemapParts(t *testing.T) {
	s, jobs := sitemapJobs(7)
	whole := sitemapParts(s, jobs, 100, 1<<20)
	if len(whole) != 1 || whole[0].path != SitemapPath {
		t.Fatalf("within the limits: %d files, first %q", len(whole), whole[0].path)
	}
	var all urlset
	if err := xml.Unmarshal(whole[0].data, &all); err != nil {
		t.Fatal(err)
	}
	if len(all.URLs) != 8 { // home and the 7, not 404 nor sok
		t.Fatalf("%d URLs, want 8", len(all.URLs))
	}
	for _, limits := range []struct{ urls, bytes int }{{3, 1 << 20}, {100, 300}} {
		files := sitemapParts(s, jobs, limits.urls, limits.bytes)
		if len(files) < 3 {
			t.Fatalf("limits %v: %d files, want an index and parts", limits, len(files))
		}
		if files[0].path != SitemapPath {
			t.Fatalf("limits %v: first file %q", limits, files[0].path)
		}
		var index sitemapIndex
		if err := xml.Unmarshal(files[0].data, &index); err != nil {
			t.Fatalf("limits %v: index: %v", limits, err)
		}
		if len(index.Sitemaps) != len(files)-1 {
			t.Fatalf("limits %v: index lists %d parts, %d written", limits, len(index.Sitemaps), len(files)-1)
		}
		var got urlset
		for i, f := range files[1:] {
			if f.path != SitemapPart(i+1) || !IsSitemapPart(f.path) {
				t.Errorf("limits %v: part %d at %q", limits, i+1, f.path)
			}
			if want := "https://example.org/kb/" + f.path; index.Sitemaps[i].Loc != want {
				t.Errorf("limits %v: index names %q, want %q", limits, index.Sitemaps[i].Loc, want)
			}
			if len(f.data) > limits.bytes {
				t.Errorf("limits %v: %s has %d bytes", limits, f.path, len(f.data))
			}
			var part urlset
			if err := xml.Unmarshal(f.data, &part); err != nil {
				t.Fatalf("limits %v: %s: %v", limits, f.path, err)
			}
			if len(part.URLs) == 0 || len(part.URLs) > limits.urls {
				t.Errorf("limits %v: %s has %d URLs", limits, f.path, len(part.URLs))
			}
			newest := ""
			for _, u := range part.URLs {
				newest = max(newest, u.LastMod)
			}
			if index.Sitemaps[i].LastMod != newest {
				t.Errorf("limits %v: index gives %s lastmod %q, its newest page %q", limits, f.path, index.Sitemaps[i].LastMod, newest)
			}
			got.URLs = append(got.URLs, part.URLs...)
		}
		if !slices.Equal(got.URLs, all.URLs) {
			t.Errorf("limits %v: the parts' URLs differ from the whole sitemap's", limits)
		}
	}
}

// TestSitemapAtTheLimit: 50,000 URLs are one sitemap, 50,001 two parts.
func TestSitemapAtTheLimit(t *testing.T) {
	s, jobs := sitemapJobs(sitemapURLs - 1) // and the home page
	if files := sitemap(s, jobs); len(files) != 1 {
		t.Errorf("%d URLs: %d files, want 1", sitemapURLs, len(files))
	}
	s, jobs = sitemapJobs(sitemapURLs)
	if files := sitemap(s, jobs); len(files) != 3 || files[2].path != "sitemap-2.xml" {
		t.Errorf("%d URLs: %d files, want the index and 2 parts", sitemapURLs+1, len(files))
	}
}

// TestIsSitemapPart names the parts' paths and nothing else.
func TestIsSitemapPart(t *testing.T) {
	for path, want := range map[string]bool{
		"sitemap-1.xml": true, "sitemap-12.xml": true, "sitemap.xml": false, "sitemap-.xml": false,
		"sitemap-01.xml": false, "sitemap-1.xml.gz": false, "sitemap-x.xml": false, "a/sitemap-1.xml": false,
		"1.xml": false, "12.xml": false, "fallstudier/1.xml": false,
	} {
		if IsSitemapPart(path) != want {
			t.Errorf("IsSitemapPart(%q) = %v", path, !want)
		}
	}
}
