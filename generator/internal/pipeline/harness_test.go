package pipeline

import (
	"flag"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"

	"golang.org/x/tools/txtar"
)

var update = flag.Bool("update", false, "rewrite the expected output of golden tests")

// repoRoot is the repository, for the real theme and vocabulary.
const repoRoot = "../../.."

// baseProject is a small valid project: the repository's default theme and
// a fixed vocabulary of four areas (testdata/omraden.yaml) and the facts of
// an accessibility statement (testdata/tillganglighet.yaml). Test cases add
// or replace files.
func baseProject(t testing.TB) fstest.MapFS {
	t.Helper()
	fsys := fromRepo(t, "themes/default")
	areas, err := os.ReadFile("testdata/omraden.yaml")
	if err != nil {
		t.Fatal(err)
	}
	fsys["content/omraden.yaml"] = &fstest.MapFile{Data: areas}
	statement, err := os.ReadFile("testdata/tillganglighet.yaml")
	if err != nil {
		t.Fatal(err)
	}
	fsys["content/tillganglighet.yaml"] = &fstest.MapFile{Data: statement}
	fsys["site.yaml"] = &fstest.MapFile{Data: []byte("title: Test\nbaseURL: https://example.org/kb/\ntheme: default\npublisher:\n  name: Testkommunen\n  organisationNumber: 212000-1124\n  type: LocalAuthority\n  contact:\n    name: Öppna data, Testkommunen\n    email: oppnadata@example.org\n")}
	return fsys
}

// fromRepo copies files and folders of the repository into a MapFS, which
// tests may then change.
func fromRepo(t testing.TB, roots ...string) fstest.MapFS {
	t.Helper()
	fsys := fstest.MapFS{}
	for _, root := range roots {
		err := fs.WalkDir(os.DirFS(repoRoot), root, func(p string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() {
				return err
			}
			data, err := os.ReadFile(filepath.Join(repoRoot, p))
			fsys[p] = &fstest.MapFile{Data: data}
			return err
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	return fsys
}

// archive reads a txtar test case: its files are laid over baseProject;
// a file named "want" holds the expected output and is not part of the
// project.
func archive(t *testing.T, name string) (fstest.MapFS, string, *txtar.Archive) {
	t.Helper()
	a, err := txtar.ParseFile(name)
	if err != nil {
		t.Fatal(err)
	}
	fsys := baseProject(t)
	want := ""
	for _, f := range a.Files {
		if f.Name == "want" {
			want = string(f.Data)
			continue
		}
		fsys[f.Name] = &fstest.MapFile{Data: f.Data}
	}
	return fsys, want, a
}

// writeWant rewrites the archive's "want" file with got (for -update).
func writeWant(t *testing.T, name string, a *txtar.Archive, got string) {
	t.Helper()
	found := false
	for i := range a.Files {
		if a.Files[i].Name == "want" {
			a.Files[i].Data = []byte(got)
			found = true
		}
	}
	if !found {
		a.Files = append(a.Files, txtar.File{Name: "want", Data: []byte(got)})
	}
	if err := os.WriteFile(name, txtar.Format(a), 0o644); err != nil {
		t.Fatal(err)
	}
}

// TestCheck runs every testdata/check/*.txtar project through the checks
// and compares every message, with its position, to the archive's "want".
// Run with -update to rewrite them, then read the diff.
func TestCheck(t *testing.T) {
	files, _ := filepath.Glob("testdata/check/*.txtar")
	if len(files) == 0 {
		t.Fatal("no test cases")
	}
	for _, name := range files {
		t.Run(strings.TrimSuffix(filepath.Base(name), ".txtar"), func(t *testing.T) {
			fsys, want, a := archive(t, name)
			res, err := Run(Options{Root: fsys})
			if err != nil {
				t.Fatal(err)
			}
			var b strings.Builder
			res.Diags.WriteText(&b)
			got := b.String()
			if *update {
				writeWant(t, name, a, got)
				return
			}
			if got != want {
				t.Errorf("messages differ\n--- got\n%s--- want\n%s", got, want)
			}
		})
	}
}
