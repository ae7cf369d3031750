package output

import (
	"os"
	"path/filepath"
	"testing"
)

func read(t *testing.T, name string) string {
	t.Helper()
	b, err := os.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func publish(t *testing.T, dir string, files map[string]string) {
	t.Helper()
	w, err := Begin(dir)
	if err != nil {
		t.Fatal(err)
	}
	for p, data := range files {
		if err := w.Write(p, []byte(data)); err != nil {
			t.Fatal(err)
		}
	}
	if err := w.Commit(); err != nil {
		t.Fatal(err)
	}
}

func TestCommitReplacesWholeSite(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "public")
	publish(t, dir, map[string]string{"index.html": "ett", "gammal/index.html": "bort"})
	publish(t, dir, map[string]string{"index.html": "två", "ny/sida/index.html": "ny"})
	if got := read(t, filepath.Join(dir, "index.html")); got != "två" {
		t.Errorf("index.html = %q", got)
	}
	if _, err := os.Stat(filepath.Join(dir, "gammal")); !os.IsNotExist(err) {
		t.Error("a page of the previous site survived")
	}
	for _, p := range []string{dir + ".new", dir + ".old"} {
		if _, err := os.Stat(p); !os.IsNotExist(err) {
			t.Errorf("%s left behind", p)
		}
	}
}

func TestAbortKeepsPrevious(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "public")
	publish(t, dir, map[string]string{"index.html": "bra"})
	w, err := Begin(dir)
	if err != nil {
		t.Fatal(err)
	}
	w.Write("index.html", []byte("halv"))
	w.Abort()
	if got := read(t, filepath.Join(dir, "index.html")); got != "bra" {
		t.Errorf("index.html = %q after abort", got)
	}
}

// TestRecoversInterruptedCommit: a process killed between Commit's two
// renames leaves only public.old; the next Begin puts it back.
func TestRecoversInterruptedCommit(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "public")
	publish(t, dir, map[string]string{"index.html": "bra"})
	if err := os.Rename(dir, dir+".old"); err != nil {
		t.Fatal(err)
	}
	os.MkdirAll(dir+".new", 0o755)
	w, err := Begin(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer w.Abort()
	if got := read(t, filepath.Join(dir, "index.html")); got != "bra" {
		t.Errorf("index.html = %q, want the restored site", got)
	}
}

// TestUnchangedFilesKeepTheirFile: a file with the same bytes is the same
// file (same inode, same modification time), so rsync and watchers skip it.
func TestUnchangedFilesKeepTheirFile(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "public")
	publish(t, dir, map[string]string{"a.html": "samma", "b.html": "före"})
	a1, _ := os.Stat(filepath.Join(dir, "a.html"))
	b1, _ := os.Stat(filepath.Join(dir, "b.html"))
	publish(t, dir, map[string]string{"a.html": "samma", "b.html": "efter"})
	a2, _ := os.Stat(filepath.Join(dir, "a.html"))
	b2, _ := os.Stat(filepath.Join(dir, "b.html"))
	if !os.SameFile(a1, a2) {
		t.Error("an unchanged file was rewritten")
	}
	if os.SameFile(b1, b2) || read(t, filepath.Join(dir, "b.html")) != "efter" {
		t.Error("a changed file was not rewritten")
	}
}

func TestRefusesPathsOutsideSite(t *testing.T) {
	w, err := Begin(filepath.Join(t.TempDir(), "public"))
	if err != nil {
		t.Fatal(err)
	}
	defer w.Abort()
	for _, p := range []string{"../ut.html", "/etc/x", "a/../../b", "", `a\b`} {
		if err := w.Write(p, nil); err == nil {
			t.Errorf("Write(%q) succeeded", p)
		}
	}
}
