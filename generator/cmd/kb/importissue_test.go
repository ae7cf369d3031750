package main

import (
	"bytes"
	"flag"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"testing"

	"golang.org/x/tools/txtar"
)

var update = flag.Bool("update", false, "rewrite the golden files of kb import-issue")

// importProject is a project with the repository's content, so a case
// study's links to real pages resolve.
func importProject(t *testing.T) string {
	t.Helper()
	dir := project(t)
	root := filepath.Join("..", "..", "..", "content")
	filepath.Walk(root, func(p string, fi os.FileInfo, err error) error {
		if err == nil && !fi.IsDir() {
			rel, _ := filepath.Rel(root, p)
			copyFile(t, p, filepath.Join(dir, "content", rel))
		}
		return err
	})
	return dir
}

// TestImportIssue feeds issue bodies, as GitHub renders the form, to kb
// import-issue and compares what it answers and writes with the golden
// files in testdata/import-issue: each NAME.txtar holds issue.md (and
// edit.md, the same issue edited, converted second); NAME.golden holds
// each run's exit status, output and comment, and every case study the
// runs left that came from an issue. go test -update rewrites the golden
// files; read their diff.
func TestImportIssue(t *testing.T) {
	cases, _ := filepath.Glob(filepath.Join("testdata", "import-issue", "*.txtar"))
	if len(cases) < 5 {
		t.Fatalf("%d cases", len(cases))
	}
	for _, c := range cases {
		name := strings.TrimSuffix(filepath.Base(c), ".txtar")
		t.Run(name, func(t *testing.T) {
			ar, err := txtar.ParseFile(c)
			if err != nil {
				t.Fatal(err)
			}
			dir := importProject(t)
			before := issueFiles(t, dir)
			out := &txtar.Archive{}
			for _, f := range ar.Files {
				body := filepath.Join(t.TempDir(), f.Name)
				if err := os.WriteFile(body, f.Data, 0o644); err != nil {
					t.Fatal(err)
				}
				comment := filepath.Join(t.TempDir(), "comment.md")
				code, stdout, _ := kb(t, "import-issue", "-root", dir, "-number", "14", "-date", "2026-12-03", "-comment", comment, body)
				text, _ := os.ReadFile(comment)
				out.Files = append(out.Files,
					txtar.File{Name: f.Name + ": exit", Data: []byte(strconv.Itoa(code) + "\n")},
					txtar.File{Name: f.Name + ": stdout", Data: []byte(stdout)},
					txtar.File{Name: f.Name + ": comment.md", Data: text})
				if code == 0 {
					// What kb import-issue wrote passes kb check.
					if code, out, _ := kb(t, "check", "-root", dir); code != 0 {
						t.Errorf("kb check after import of %s: %d\n%s", f.Name, code, out)
					}
				} else if got := issueFiles(t, dir); !equalFiles(got, before) {
					t.Errorf("a refused import of %s changed content/fallstudier", f.Name)
				}
			}
			after := issueFiles(t, dir)
			var paths []string
			for p := range after {
				if _, ok := before[p]; !ok || !bytes.Equal(before[p], after[p]) {
					paths = append(paths, p)
				}
			}
			sort.Strings(paths)
			for p := range before {
				if _, ok := after[p]; !ok {
					t.Errorf("%s, which no issue made, was removed", p)
				}
			}
			for _, p := range paths {
				out.Files = append(out.Files, txtar.File{Name: p, Data: after[p]})
			}
			got := txtar.Format(out)
			golden := filepath.Join("testdata", "import-issue", name+".golden")
			if *update {
				if err := os.WriteFile(golden, got, 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(got, want) {
				t.Errorf("kb import-issue differs from %s:\n%s", golden, got)
			}
		})
	}
}

// issueFiles reads every file under content/fallstudier.
func issueFiles(t *testing.T, dir string) map[string][]byte {
	t.Helper()
	m := map[string][]byte{}
	fsys := os.DirFS(dir)
	fs.WalkDir(fsys, "content/fallstudier", func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			m[p], _ = fs.ReadFile(fsys, p)
		}
		return err
	})
	return m
}

func equalFiles(a, b map[string][]byte) bool {
	if len(a) != len(b) {
		return false
	}
	for p, d := range a {
		if !bytes.Equal(d, b[p]) {
			return false
		}
	}
	return true
}
