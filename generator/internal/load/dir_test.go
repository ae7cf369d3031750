package load

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"testing/fstest"

	"kunskapsbanken/generator/internal/page"
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

// TestReadContentReusesOnlyWhatEachDrops: ReadContent reads page after page
// into the same memory for an each that takes the bytes over (sets Data to
// nil), so each sees every file's own bytes; a page whose Data each keeps
// keeps its bytes to the end, whatever is read after it.
func TestReadContentReusesOnlyWhatEachDrops(t *testing.T) {
	root := t.TempDir()
	want := map[string][]byte{}
	for i := range 40 {
		// Sizes up and down, so that a short file follows a long one
		// into the same memory.
		body := bytes.Repeat([]byte(fmt.Sprintf("Sida %d om välfärdsteknik. ", i)), 1+(i*37)%200)
		name := fmt.Sprintf("content/fallstudier/sida-%02d.md", i)
		want[name] = append([]byte("---\ntitle: Sida\n---\n"), body...)
		path := filepath.Join(root, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, want[name], 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.WriteFile(filepath.Join(root, "content", "omraden.yaml"), nil, 0o644); err != nil {
		t.Fatal(err)
	}
	var mu sync.Mutex
	seen := map[string][]byte{}
	content, _ := ReadContent(Dir(root), nil, func(f *page.File) {
		mu.Lock()
		seen[f.Path] = bytes.Clone(f.Data)
		mu.Unlock()
		if !strings.HasSuffix(f.Path, "0.md") { // every tenth page keeps its bytes
			f.Data = nil
		}
	})
	if len(content.Files) != len(want) {
		t.Fatalf("%d pages, want %d", len(content.Files), len(want))
	}
	for _, f := range content.Files {
		if !bytes.Equal(seen[f.Path], want[f.Path]) {
			t.Errorf("%s: each saw %q, want %q", f.Path, seen[f.Path], want[f.Path])
		}
		if strings.HasSuffix(f.Path, "0.md") && !bytes.Equal(f.Data, want[f.Path]) {
			t.Errorf("%s: kept %q, want %q", f.Path, f.Data, want[f.Path])
		}
	}
}
