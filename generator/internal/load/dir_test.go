package load

import (
	"bytes"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"testing"
	"testing/fstest"
)

// TestDir: the project as Dir reads it is the project as os.DirFS reads
// it: every file's bytes (empty, small, larger than one read of the
// poller's, with å ä ö), the folders, and the errors for a missing file, a
// folder read as a file and a path that leaves the folder.
func TestDir(t *testing.T) {
	root := t.TempDir()
	files := map[string][]byte{
		"site.yaml":                          []byte("title: Kunskapsbanken\n"),
		"content/omraden.yaml":               {},
		"content/fallstudier/lund.md":        []byte("---\ntitle: Nattkameror i hemtjänsten\n---\nText.\n"),
		"content/fallstudier/malmo/index.md": bytes.Repeat([]byte("Äldreomsorg och välfärdsteknik. "), 5000),
	}
	for name, data := range files {
		path := filepath.Join(root, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	fsys := Dir(root)
	var names []string
	for name := range files {
		names = append(names, name)
	}
	if err := fstest.TestFS(fsys, names...); err != nil {
		t.Fatal(err)
	}
	for name, want := range files {
		got, err := fs.ReadFile(fsys, name)
		if err != nil || !bytes.Equal(got, want) {
			t.Errorf("%s: %d bytes (%v), want %d", name, len(got), err, len(want))
		}
	}
	for _, name := range []string{"content/saknas.md", "content/fallstudier", "../utanfor", "/etc/passwd", ""} {
		_, err := fs.ReadFile(fsys, name)
		_, osErr := fs.ReadFile(os.DirFS(root), name)
		if err == nil || osErr == nil || errors.Is(err, fs.ErrNotExist) != errors.Is(osErr, fs.ErrNotExist) {
			t.Errorf("%q: error %v, os.DirFS's %v", name, err, osErr)
		}
	}
}
