package pipeline

import (
	"io/fs"
	"os"
	"strings"
	"testing"
	"testing/fstest"

	"gopkg.in/yaml.v3"

	"kunskapsbanken/generator/internal/diag"
	"kunskapsbanken/generator/internal/load"
)

// TestStatementRequiresEachFact removes each top-level fact of the
// repository's own content/tillganglighet.yaml in turn and expects kb check
// to fail with an error in that file, at a line, naming the fact. The
// facts the law requires are the keys statement.Parse requires, and gaps,
// which the site's compliance ("delvis förenlig") calls for.
func TestStatementRequiresEachFact(t *testing.T) {
	src, err := os.ReadFile(repoRoot + "/" + load.StatementPath)
	if err != nil {
		t.Fatal(err)
	}
	var doc yaml.Node
	if err := yaml.Unmarshal(src, &doc); err != nil {
		t.Fatal(err)
	}
	root := doc.Content[0]
	lines := strings.SplitAfter(string(src), "\n")
	for i := 0; i+1 < len(root.Content); i += 2 {
		key := root.Content[i].Value
		if key == "standard" || key == "exemptions" || key == "outOfScope" {
			continue // optional: the layout says there are none
		}
		// The key's lines: from its own to the next key's.
		from, to := root.Content[i].Line-1, len(lines)
		if i+2 < len(root.Content) {
			to = root.Content[i+2].Line - 1
		}
		t.Run(key, func(t *testing.T) {
			without := strings.Join(append(append([]string{}, lines[:from]...), lines[to:]...), "")
			fsys := baseProject(t)
			fsys[load.StatementPath] = &fstest.MapFile{Data: []byte(without)}
			res, err := Run(Options{Root: fsys})
			if err != nil {
				t.Fatal(err)
			}
			var found []diag.Diagnostic
			for _, d := range res.Diags {
				if d.Path == load.StatementPath && d.Severity == diag.Error && d.Line > 0 && strings.Contains(d.Message, key) {
					found = append(found, d)
				}
			}
			if len(found) == 0 {
				t.Errorf("without %s, kb check gives no error naming it in %s; it said:\n%v", key, load.StatementPath, res.Diags)
			}
		})
	}
}

// TestStatementMissingWarns: a site without the facts builds, with one
// warning that says what to do, and has no statement page.
func TestStatementMissingWarns(t *testing.T) {
	fsys := baseProject(t)
	delete(fsys, load.StatementPath)
	out := t.TempDir() + "/public"
	res, err := Run(Options{Root: fsys, Out: out})
	if err != nil || !res.Published {
		t.Fatalf("not published: %v %v", err, res.Diags)
	}
	n := 0
	for _, d := range res.Diags {
		if d.Path == load.StatementPath && d.Severity == diag.Warning {
			n++
		}
	}
	if n != 1 {
		t.Errorf("want one warning about %s, got %v", load.StatementPath, res.Diags)
	}
	if _, err := os.Stat(out + "/tillganglighet/index.html"); err == nil {
		t.Error("a statement page was written without its facts")
	}
}

// TestStatementPage builds a site from facts with every item and finds
// each of DIGG's required items on the statement page, under DIGG's
// headings, and a link to the statement in the footer of every page.
func TestStatementPage(t *testing.T) {
	fsys := baseProject(t)
	fsys[load.StatementPath] = &fstest.MapFile{Data: []byte(`organisation: "Vård- och omsorgsförvaltningen, Testkommun"
service: "Testbanken"
contact:
  email: tillganglighet@example.org
  phone: "010-123 45 67"
  url: https://example.org/kontakt
  text: "Skriv till oss."
  responseTime: "Vi svarar inom fem arbetsdagar."
compliance: delvis förenlig
standard: "WCAG 2.2 på nivå AA"
assessed: 2026-01-15
method: "Granskning av extern part, Granskarna AB"
updated: 2026-02-01
gaps:
  - content: "Filmerna saknar textning."
    reason: "Textningen görs under våren."
    criteria: ["1.2.2"]
exemptions:
  - content: "Arkivets inskannade protokoll"
    reason: "Att göra om 4 000 sidor kostar mer än nyttan."
outOfScope:
  - content: "Kartor från Lantmäteriet"
    reason: "Kartor är undantagna enligt 9 §."
`)}
	out := t.TempDir() + "/public"
	res, err := Run(Options{Root: fsys, Out: out})
	if err != nil || !res.Published {
		t.Fatalf("not published: %v %v", err, res.Diags)
	}
	data, err := os.ReadFile(out + "/tillganglighet/index.html")
	if err != nil {
		t.Fatal(err)
	}
	html := string(data)
	for _, want := range []string{
		// DIGG's headings.
		"Hur tillgänglig är webbplatsen?", "Vad kan du göra om du inte kan använda delar av webbplatsen?",
		"Rapportera brister i webbplatsens tillgänglighet", "Tillsyn",
		"Teknisk information om webbplatsens tillgänglighet", "Innehåll som inte är tillgängligt",
		"Bristande förenlighet med lagkraven", "Oskäligt betungande anpassning",
		"Innehåll som inte omfattas av lagkraven", "Hur vi testat webbplatsen",
		// The items, from the facts.
		"Vård- och omsorgsförvaltningen, Testkommun", "Testbanken", "delvis förenlig", "WCAG 2.2 på nivå AA",
		"Filmerna saknar textning.", "Textningen görs under våren.", "1.2.2",
		"Arkivets inskannade protokoll", "Att göra om 4 000 sidor kostar mer än nyttan.",
		"Kartor från Lantmäteriet", "Kartor är undantagna enligt 9 §.",
		"15 januari 2026", "1 februari 2026", "Granskning av extern part, Granskarna AB",
		`href="mailto:tillganglighet@example.org"`, `href="tel:0101234567"`, `href="https://example.org/kontakt"`,
		"Skriv till oss.", "Vi svarar inom fem arbetsdagar.",
		`href="https://www.digg.se/tdosanmalan"`,
	} {
		if !strings.Contains(html, want) {
			t.Errorf("the statement page lacks %q", want)
		}
	}
	pages := 0
	err = fs.WalkDir(os.DirFS(out), ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || !strings.HasSuffix(p, ".html") {
			return err
		}
		data, err := os.ReadFile(out + "/" + p)
		if err != nil {
			return err
		}
		pages++
		if !strings.Contains(string(data), `href="/kb/tillganglighet/"`) {
			t.Errorf("%s: the footer does not link to the statement", p)
		}
		return nil
	})
	if err != nil || pages < 10 {
		t.Fatalf("walked %d pages: %v", pages, err)
	}
}
