package output

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
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

// TestRefusesForeignFolder: a folder that holds files but no marker (a
// mistyped -out naming the project or a home folder) is never replaced,
// and nothing in it is touched; a missing or empty folder, or a site kb
// wrote, is.
func TestRefusesForeignFolder(t *testing.T) {
	tmp := t.TempDir()
	foreign := filepath.Join(tmp, "Dokument")
	os.MkdirAll(filepath.Join(foreign, "brev"), 0o755)
	os.WriteFile(filepath.Join(foreign, "brev", "viktigt.txt"), []byte("kvar"), 0o644)
	_, err := Begin(foreign)
	var fe *ForeignError
	if !errors.As(err, &fe) || fe.Dir != foreign {
		t.Fatalf("Begin(a foreign folder) = %v, want a *ForeignError naming it", err)
	}
	if !strings.Contains(err.Error(), "-out") || !strings.Contains(err.Error(), "ta bort mappen") {
		t.Errorf("message %q does not give the ways out", err)
	}
	if got := read(t, filepath.Join(foreign, "brev", "viktigt.txt")); got != "kvar" {
		t.Errorf("a file of the foreign folder changed: %q", got)
	}
	if _, err := os.Stat(foreign + ".new"); !os.IsNotExist(err) {
		t.Error("Begin made a stage beside a folder it refused")
	}

	// A file in place of the folder is refused too.
	file := filepath.Join(tmp, "fil")
	os.WriteFile(file, []byte("x"), 0o644)
	if err := Claim(file); !errors.As(err, &fe) {
		t.Errorf("Claim(a file) = %v", err)
	}

	// So is a foreign folder where the stage would go.
	dir := filepath.Join(tmp, "public")
	os.MkdirAll(dir+".old", 0o755)
	os.WriteFile(filepath.Join(dir+".old", "egen.txt"), []byte("kvar"), 0o644)
	if _, err := Begin(dir); !errors.As(err, &fe) || fe.Dir != dir+".old" {
		t.Errorf("Begin with a foreign public.old = %v", err)
	}
	os.RemoveAll(dir + ".old")

	// Missing, then empty, then published by kb: all may be replaced.
	publish(t, dir, map[string]string{"index.html": "ett"})
	if got := read(t, filepath.Join(dir, Marker)); got != markerText {
		t.Errorf("marker holds %q", got)
	}
	publish(t, dir, map[string]string{"index.html": "två"})
	empty := filepath.Join(tmp, "tom")
	os.Mkdir(empty, 0o755)
	publish(t, empty, map[string]string{"index.html": "ett"})
	if got := read(t, filepath.Join(empty, "index.html")); got != "ett" {
		t.Errorf("empty folder: index.html = %q", got)
	}
}

// TestMarkerIsNotAPage: no file of the site can take the marker's name.
func TestMarkerIsNotAPage(t *testing.T) {
	w, err := Begin(filepath.Join(t.TempDir(), "public"))
	if err != nil {
		t.Fatal(err)
	}
	defer w.Abort()
	if err := w.Write(Marker, []byte("x")); err == nil {
		t.Error("Write(Marker) succeeded")
	}
}
