package pipeline

import (
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"

	"kunskapsbanken/generator/internal/diag"
	"kunskapsbanken/generator/internal/load"
	"kunskapsbanken/generator/internal/render"
)

// shaclReport is what testdata/dcat/validate.mjs prints.
type shaclReport struct {
	Conforms      bool
	Triples       int
	BlankSubjects int
	Relative      int
	Results       []struct{ Focus, Path, Message, Shape string }
}

// validateDCAT parses an RDF/XML file with a real RDF parser and checks
// it against the SHACL shapes of DCAT-AP 3.0.1 and DCAT-AP-SE 3.0.1 in
// testdata/dcat, with rdf-validate-shacl in node.
func validateDCAT(t *testing.T, file string) shaclReport {
	t.Helper()
	skip := t.Skip
	if os.Getenv("CI") != "" {
		skip = t.Fatal
	}
	node, err := exec.LookPath("node")
	if err != nil {
		skip("node is not installed; bash scripts/install-test-deps.sh installs it")
	}
	if _, err := os.Stat(filepath.Join(repoRoot, "node_modules/rdf-validate-shacl/package.json")); err != nil {
		skip("rdf-validate-shacl is not installed; run bash scripts/install-test-deps.sh")
	}
	out, err := exec.Command(node, "testdata/dcat/validate.mjs", file,
		"testdata/dcat/dcat-ap-3.0.1-shapes.ttl", "testdata/dcat/dcat-ap-se-3.0.1.ttl").Output()
	if err != nil {
		msg := ""
		if e, ok := err.(*exec.ExitError); ok {
			msg = string(e.Stderr)
		}
		t.Fatalf("validate.mjs: %v\n%s", err, msg)
	}
	var r shaclReport
	if err := json.Unmarshal(out, &r); err != nil {
		t.Fatalf("validate.mjs printed %q: %v", out, err)
	}
	return r
}

// dcatProject is the base project with two case studies, the newer
// updated after both were published.
func dcatProject(t *testing.T) fstest.MapFS {
	fsys := baseProject(t)
	page := func(title, dates string) *fstest.MapFile {
		return &fstest.MapFile{Data: []byte("---\ntitle: " + title + "\nsummary: S.\nmunicipality: Lund\nareas: [digitala-las]\nstatus: pilot\n" + dates + "---\nText.\n")}
	}
	fsys["content/fallstudier/a.md"] = page("A", "published: 2020-06-01\n")
	fsys["content/fallstudier/b.md"] = page("B", "published: 2020-09-01\nupdated: 2021-03-15\n")
	return fsys
}

// TestDCAT builds a site with a publisher and a base URL, and checks its
// data/dcat.rdf against DCAT-AP-SE's shapes, then that the settings and
// the content show in it.
func TestDCAT(t *testing.T) {
	out := t.TempDir() + "/public"
	res, err := Run(Options{Root: dcatProject(t), Out: out})
	if err != nil || !res.Published {
		t.Fatalf("not published: %v %v", err, res.Diags)
	}
	file := filepath.Join(out, filepath.FromSlash(render.DCATPath))
	data, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	r := validateDCAT(t, file)
	if !r.Conforms || r.BlankSubjects != 0 || r.Relative != 0 || r.Triples < 40 {
		t.Fatalf("data/dcat.rdf: conforms=%v, %d triples, %d blank subjects, %d relative IRIs: %+v\n%s", r.Conforms, r.Triples, r.BlankSubjects, r.Relative, r.Results, data)
	}
	const newest = "2021-03-15" // b.md's updated, after every published
	for _, want := range []string{
		`<dcterms:publisher rdf:resource="http://dataportal.se/organisation/SE2120001124"/>`,
		`<foaf:Agent rdf:about="http://dataportal.se/organisation/SE2120001124">`,
		`<foaf:name xml:lang="sv">Testkommunen</foaf:name>`,
		`<vcard:hasEmail rdf:resource="mailto:oppnadata@example.org"/>`,
		`<dcat:accessURL rdf:resource="https://example.org/kb/data/fallstudier.json"/>`,
		`<dcat:downloadURL rdf:resource="https://example.org/kb/data/fallstudier.csv"/>`,
		`<dcterms:license rdf:resource="http://creativecommons.org/publicdomain/zero/1.0/"/>`,
		`<dcterms:format>text/csv</dcterms:format>`,
		`<dcterms:modified rdf:datatype="http://www.w3.org/2001/XMLSchema#date">` + newest + `</dcterms:modified>`,
	} {
		if !strings.Contains(string(data), want) {
			t.Errorf("data/dcat.rdf lacks %s", want)
		}
	}
}

// TestDCATShapesCatchBreakage breaks the generated file one mandatory
// property at a time and expects the validator to fail, so TestDCAT's
// pass means something.
func TestDCATShapesCatchBreakage(t *testing.T) {
	out := t.TempDir() + "/public"
	res, err := Run(Options{Root: dcatProject(t), Out: out})
	if err != nil || !res.Published {
		t.Fatalf("not published: %v %v", err, res.Diags)
	}
	good, err := os.ReadFile(filepath.Join(out, filepath.FromSlash(render.DCATPath)))
	if err != nil {
		t.Fatal(err)
	}
	if r := validateDCAT(t, filepath.Join(out, filepath.FromSlash(render.DCATPath))); !r.Conforms {
		t.Fatalf("the file as built does not conform: %+v", r.Results)
	}
	const (
		dct   = "http://purl.org/dc/terms/"
		dcatN = "http://www.w3.org/ns/dcat#"
	)
	// Each case: what to change, and the focus node and property (or
	// the node itself, "") the validator must then name.
	for _, c := range []struct{ name, old, new, focus, path string }{
		{"dataset without title", `<dcterms:title xml:lang="sv">Fallstudier: Test</dcterms:title>`, ``, "#fallstudier", dct + "title"},
		{"distribution without access URL", `<dcat:accessURL rdf:resource="https://example.org/kb/data/fallstudier.csv"/>`, ``, "#csv", dcatN + "accessURL"},
		{"catalogue under another licence", `<dcterms:license rdf:resource="http://creativecommons.org/publicdomain/zero/1.0/"/>` + "\n <dcterms:language", `<dcterms:license rdf:resource="http://creativecommons.org/licenses/by/4.0/"/>` + "\n <dcterms:language", "#katalog", dct + "license"},
		{"publisher without name", `<foaf:name xml:lang="sv">Testkommunen</foaf:name>`, ``, "http://dataportal.se/organisation/SE2120001124", "http://xmlns.com/foaf/0.1/name"},
		{"publisher without type", `<dcterms:type rdf:resource="http://purl.org/adms/publishertype/LocalAuthority"/>`, ``, "http://dataportal.se/organisation/SE2120001124", dct + "type"},
		{"distribution without format", `<dcterms:format>application/json</dcterms:format>`, ``, "#json", dct + "format"},
		{"contact point as a blank node", `<vcard:Organization rdf:about="https://example.org/kb/data/dcat.rdf#kontakt">`, `<vcard:Organization rdf:nodeID="kontakt">`, "kontakt", ""},
	} {
		t.Run(c.name, func(t *testing.T) {
			if !strings.Contains(string(good), c.old) {
				t.Fatalf("the file has no %q to break", c.old)
			}
			file := filepath.Join(t.TempDir(), "dcat.rdf")
			broken := strings.Replace(string(good), c.old, c.new, 1)
			if err := os.WriteFile(file, []byte(broken), 0o644); err != nil {
				t.Fatal(err)
			}
			r := validateDCAT(t, file)
			if r.Conforms {
				t.Fatalf("the shapes accept a %s", c.name)
			}
			for _, res := range r.Results {
				if strings.HasSuffix(res.Focus, c.focus) && res.Path == c.path {
					return
				}
			}
			t.Errorf("the validator fails, but not on %s %s: %+v", c.focus, c.path, r.Results)
		})
	}
}

// TestDCATNeedsHost: without a host in the base URL kb writes no
// data/dcat.rdf (its IRIs must be absolute) and warns once.
func TestDCATNeedsHost(t *testing.T) {
	out := t.TempDir() + "/public"
	res, err := Run(Options{Root: baseProject(t), Out: out, BaseURL: "/kb/"})
	if err != nil || !res.Published {
		t.Fatalf("not published: %v %v", err, res.Diags)
	}
	if _, err := os.Stat(filepath.Join(out, filepath.FromSlash(render.DCATPath))); err == nil {
		t.Error("data/dcat.rdf written without a host in baseURL")
	}
	n := 0
	for _, d := range res.Diags {
		if d.Path == load.ConfigPath && d.Severity == diag.Warning && strings.Contains(d.Message, render.DCATPath) {
			n++
		}
	}
	if n != 1 {
		t.Errorf("want one warning about %s, got %v", render.DCATPath, res.Diags)
	}
}
