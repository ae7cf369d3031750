package pipeline

import (
	"encoding/csv"
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"

	"golang.org/x/text/unicode/norm"
)

// TestDecomposedText: front matter, Markdown, omraden.yaml and site.yaml
// typed in decomposed form (NFD: "o" and a combining diaeresis, as some
// macOS editors and text pasted from PDFs give) are read as the composed
// text they show, so "Växjö" is the municipality Växjö and the output
// holds one spelling only.
func TestDecomposedText(t *testing.T) {
	fsys := baseProject(t)
	nfd := func(s string) []byte { return []byte(norm.NFD.String(s)) }
	fsys["site.yaml"] = &fstest.MapFile{Data: nfd("title: Välfärdsteknik i Småland\nbaseURL: https://example.org/kb/\ntheme: default\npublisher:\n  name: Testkommunen\n  organisationNumber: 212000-1124\n  type: LocalAuthority\n  contact:\n    name: Öppna data, Testkommunen\n    email: oppnadata@example.org\n")}
	areas := string(fsys["content/omraden.yaml"].Data)
	fsys["content/omraden.yaml"] = &fstest.MapFile{Data: nfd(areas)}
	fsys["content/fallstudier/vaxjo.md"] = &fstest.MapFile{Data: nfd(`---
title: "Nattkameror i Växjö"
summary: "Tillsyn på natten med kamera i stället för besök."
municipality: Växjö
areas: [digitala-las]
status: pilot
published: 2024-05-02
tags: [nattillsyn, lås]
sources:
  - title: "Växjö prövar kameror"
    publisher: Växjö kommun
---

## Så gick det till

Nattpersonalen i Växjö tittade till de äldre med kamera.
`)}
	out := filepath.Join(t.TempDir(), "public")
	res := mustBuild(t, Options{Root: fsys, Out: out})
	if got := res.Site.Config.Title; got != "Välfärdsteknik i Småland" || !norm.NFC.IsNormalString(got) {
		t.Errorf("site title %q", got)
	}
	files := snapshot(t, out)
	for name, data := range files {
		if !norm.NFC.IsNormalString(data) {
			t.Errorf("%s holds text that is not NFC", name)
		}
	}
	page := files["fallstudier/vaxjo/index.html"]
	for _, want := range []string{"Nattkameror i Växjö", "Kronobergs län", "Digitala lås", "Välfärdsteknik i Småland"} {
		if !strings.Contains(page, want) {
			t.Errorf("the case study lacks %q", want)
		}
	}
	if _, ok := files["taggar/las/index.html"]; !ok {
		t.Error("the tag lås has no page taggar/las/")
	}
}

// TestOpenDataCSVFormulas: a cell that a spreadsheet would run as a
// formula begins with an apostrophe in the CSV (OWASP's advice against
// CSV injection); the JSON keeps the text as the editor wrote it.
func TestOpenDataCSVFormulas(t *testing.T) {
	fsys := baseProject(t)
	fsys["content/fallstudier/formel.md"] = &fstest.MapFile{Data: []byte(`---
title: '=HYPERLINK("https://example.org/";"Klicka")'
summary: "+1 timme per natt, -2 larm, @alla"
municipality: Lund
organisations: ["-Omsorg", "Hemtjänsten"]
areas: [digitala-las]
status: pilot
published: 2024-05-02
tags: [＝summa]
sources:
  - title: "@källa"
    publisher: Lunds kommun
---
`)}
	out := filepath.Join(t.TempDir(), "public")
	mustBuild(t, Options{Root: fsys, Out: out})
	files := snapshot(t, out)
	rows, err := csv.NewReader(strings.NewReader(strings.TrimPrefix(files["data/fallstudier.csv"], "\ufeff"))).ReadAll()
	if err != nil || len(rows) != 2 {
		t.Fatalf("csv: %q %v", rows, err)
	}
	cell := map[string]string{}
	for i, name := range rows[0] {
		cell[name] = rows[1][i]
	}
	want := map[string]string{
		"title":         `'=HYPERLINK("https://example.org/";"Klicka")`,
		"summary":       "'+1 timme per natt, -2 larm, @alla",
		"organisations": "'-Omsorg; Hemtjänsten",
		"tags":          "'＝summa",
		"sources":       "Lunds kommun: @källa",
		"id":            "formel",
	}
	for name, w := range want {
		if cell[name] != w {
			t.Errorf("csv %s = %q, want %q", name, cell[name], w)
		}
	}
	var data struct {
		Fallstudier []struct{ Title, Summary string }
	}
	if err := json.Unmarshal([]byte(files["data/fallstudier.json"]), &data); err != nil {
		t.Fatal(err)
	}
	if c := data.Fallstudier[0]; c.Title != `=HYPERLINK("https://example.org/";"Klicka")` || c.Summary != "+1 timme per natt, -2 larm, @alla" {
		t.Errorf("json changed the text: %+v", c)
	}
}
