package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestClean(t *testing.T) {
	for _, c := range []struct{ name, in, want string }{
		{"relative link", "Se [Licensval](../licenser/) och [DIGG](https://www.digg.se/).",
			"Se Licensval och [DIGG](https://www.digg.se/)."},
		{"link to a page of the source", "Läs [`FDate`](../date/classes/FDate.html) först.", "Läs `FDate` först."},
		{"image", "Före ![Logotyp](./logo.png) efter, ![x](https://example.org/a.png).", "Före  efter, ."},
		{"reference link", "Se [tjänsten][ts].\n\n[ts]: ../logic/ts.html\n[ok]: https://example.org/",
			"Se tjänsten.\n\n[ok]: https://example.org/"},
		{"raw HTML", `<div class="hx:mt-6">Text <b>fet</b> här<br></div>`, "Text fet här"},
		{"comment", "a <!-- gömd --> b\n<!--\nflera\n-->\nc", "a  b\n\n\nc"},
		{"shortcode", "{{< callout type=\"info\" >}}\nDigg svarar.\n{{< /callout >}}", "\nDigg svarar.\n"},
		{"shortcode with text", `{{< hextra/feature-card title="Checklistor" subtitle="För olika roller." link="checklistor/" >}}`,
			"\n\nChecklistor\n\nFör olika roller.\n\n"},
		{"design system link", "Se {@link FBadgePageObject} och {@link accessibility#brister Övergripande brister}.",
			"Se FBadgePageObject och Övergripande brister."},
		{"optional", "`selector: string` {@optional}", "`selector: string` "},
		{"api block", "Före\n\n:::api\nvue:FBadge\n:::\n\nEfter", "Före\n\n\n\n\nEfter"},
		{"container with a title", "::: warning Tänk på att\nText.\n:::", "\nTänk på att\n\nText.\n"},
		{"import fence", "Före\n```import live-example\nFBadgeLiveExample.vue\n```\nEfter", "Före\nEfter"},
		{"code is kept", "```html\n<a href=\"x.md\">[a](b.md)</a>\n```\n`<b>[c](d.md)</b>`", "```html\n<a href=\"x.md\">[a](b.md)</a>\n```\n`<b>[c](d.md)</b>`"},
		{"heading id", "## Exempel {#exempel}", "## Exempel"},
	} {
		if got := Clean(c.in); got != c.want {
			t.Errorf("%s: Clean(%q)\n got %q\nwant %q", c.name, c.in, got, c.want)
		}
	}
}

func TestAdapt(t *testing.T) {
	pages, err := Adapt("corpus")
	if err != nil {
		t.Fatal(err)
	}
	if len(pages) != 438 {
		t.Errorf("%d pages, want 438", len(pages))
	}
	bySlug := map[string]*Page{}
	for _, p := range pages {
		if p.Slug != slugify(p.Slug) || p.Slug == "" {
			t.Errorf("%s: slug %q is not a slug", p.Source, p.Slug)
		}
		if p.Title == "" || len([]rune(p.Title)) > maxTitle || len([]rune(p.Summary)) > maxSummary {
			t.Errorf("%s: title %q, summary %q", p.Source, p.Title, p.Summary)
		}
		bySlug[p.Slug] = p
	}
	for slug, want := range map[string]string{
		"ds-components-fbadge":               "Bricka",
		"ds-accessibility":                   "Tillgänglighetsredogörelse",
		"digg-checklistor-anskaffning":       "Anskaffning",
		"jobtech-docs-apis":                  "API:er",
		"jobtech-news-news-head-200914":      "Ny AI-lösning förbättrar jobbannonser och effektiviserar digitala matchningstjänster",
		"sfs-1921-410":                       "Kungörelse angående förhöjning av vissa till i statens tjänst skadade arbetare med flera av statsmedel utgående…",
		"ds-components-table-and-list-table": "",
	} {
		p := bySlug[slug]
		if p == nil {
			t.Errorf("no page %s", slug)
		} else if want != "" && p.Title != want {
			t.Errorf("%s: title %q, want %q", slug, p.Title, want)
		}
	}
	if p := bySlug["sfs-1921-410"]; p != nil && (p.Published != "1921-06-10" || !strings.HasPrefix(p.Summary, "SFS 1921:410, Socialdepartementet. Kungörelse")) {
		t.Errorf("sfs-1921-410: published %q, summary %q", p.Published, p.Summary)
	}
}

// TestQueriesUpToDate: queries.tsv is what the generator makes of the
// corpus (go run ./bench/svreal -queries bench/svreal/queries.tsv).
func TestQueriesUpToDate(t *testing.T) {
	if testing.Short() {
		t.Skip("generates the query set")
	}
	pages, err := Adapt("corpus")
	if err != nil {
		t.Fatal(err)
	}
	tmp := filepath.Join(t.TempDir(), "queries.tsv")
	if err := writeQueries(tmp, pages); err != nil {
		t.Fatal(err)
	}
	got, _ := os.ReadFile(tmp)
	want, err := os.ReadFile("queries.tsv")
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, want) {
		t.Error("queries.tsv is not what the generator makes; run go run ./bench/svreal -queries bench/svreal/queries.tsv and review the difference")
	}
}
