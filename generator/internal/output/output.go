// Package output writes a built site to disk, atomically: the new site is
// written into a staging folder beside the output folder and swapped in
// only when it is complete, so an interrupted or failed build leaves the
// previous site whole, and a web server or watcher never sees half a site.
//
//	w, err := output.Begin("public")
//	w.Write("index.html", data)   // from any number of goroutines
//	w.Commit()                    // or w.Abort()
package output

import (
	"bytes"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
)

// Writer writes one new version of the site.
type Writer struct {
	dir, stage, old string
	mu              sync.Mutex
	made            map[string]bool // folders already created in the stage
	files           atomic.Int64
}

// Begin starts a new version of the site in dir. It first repairs what an
// earlier, interrupted Commit may have left: if dir is missing but the
// previous version is still in dir.old, that is put back.
func Begin(dir string) (*Writer, error) {
	dir = filepath.Clean(dir)
	w := &Writer{dir: dir, stage: dir + ".new", old: dir + ".old", made: map[string]bool{}}
	if _, err := os.Stat(dir); os.IsNotExist(err) {
		if _, err := os.Stat(w.old); err == nil {
			if err := os.Rename(w.old, dir); err != nil {
				return nil, fmt.Errorf("output: restoring %s: %w", w.old, err)
			}
		}
	}
	if err := os.RemoveAll(w.stage); err != nil {
		return nil, fmt.Errorf("output: %w", err)
	}
	if err := os.RemoveAll(w.old); err != nil {
		return nil, fmt.Errorf("output: %w", err)
	}
	if err := os.MkdirAll(w.stage, 0o755); err != nil {
		return nil, fmt.Errorf("output: %w", err)
	}
	w.made["."] = true
	return w, nil
}

// Write writes one file; rel is slash-separated and relative to the site
// root. data is not kept after Write returns. A file whose bytes equal the previous version's is hard-linked from
// it instead, so its modification time stays, and rsync and watchers stay
// quiet about it. Write is safe for concurrent use.
func (w *Writer) Write(rel string, data []byte) error {
	if err := checkRel(rel); err != nil {
		return err
	}
	dst := filepath.Join(w.stage, filepath.FromSlash(rel))
	if err := w.mkdir(filepath.Dir(rel)); err != nil {
		return err
	}
	w.files.Add(1)
	prev := filepath.Join(w.dir, filepath.FromSlash(rel))
	if same(prev, data) && os.Link(prev, dst) == nil {
		return nil
	}
	if err := os.WriteFile(dst, data, 0o644); err != nil {
		return fmt.Errorf("output: %w", err)
	}
	return nil
}

// Copy copies the file src of fsys to rel, for files published as they are
// (a page bundle's images).
func (w *Writer) Copy(rel string, fsys fs.FS, src string) error {
	in, err := fsys.Open(src)
	if err != nil {
		return fmt.Errorf("output: %w", err)
	}
	defer in.Close()
	data, err := io.ReadAll(in)
	if err != nil {
		return fmt.Errorf("output: %w", err)
	}
	return w.Write(rel, data)
}

// Files returns how many files have been written.
func (w *Writer) Files() int { return int(w.files.Load()) }

// mkdir creates a folder of the stage once. The lock guards only the set of
// folders made, not the system call: MkdirAll is safe to run concurrently,
// and holding the lock through it made every render worker wait in turn.
func (w *Writer) mkdir(rel string) error {
	w.mu.Lock()
	done := w.made[rel]
	w.mu.Unlock()
	if done {
		return nil
	}
	if err := os.MkdirAll(filepath.Join(w.stage, filepath.FromSlash(rel)), 0o755); err != nil {
		return fmt.Errorf("output: %w", err)
	}
	w.mu.Lock()
	for d := rel; d != "." && d != "/" && !w.made[d]; d = filepath.Dir(d) {
		w.made[d] = true
	}
	w.mu.Unlock()
	return nil
}

// same reports whether the file at name holds exactly data.
func same(name string, data []byte) bool {
	fi, err := os.Stat(name)
	if err != nil || !fi.Mode().IsRegular() || fi.Size() != int64(len(data)) {
		return false
	}
	old, err := os.ReadFile(name)
	return err == nil && bytes.Equal(old, data)
}

// checkRel refuses paths that would leave the site's folder.
func checkRel(rel string) error {
	if rel == "" || strings.HasPrefix(rel, "/") || strings.Contains(rel, "\\") || !fs.ValidPath(rel) {
		return fmt.Errorf("output: %q is not a path inside the site", rel)
	}
	return nil
}

// Commit swaps the new version in: the old one is renamed aside, the new
// one renamed into place, the old one removed. Each rename is atomic; if
// the process dies between them, the next Begin restores the old version.
func (w *Writer) Commit() error {
	hadOld := true
	if err := os.Rename(w.dir, w.old); err != nil {
		if !os.IsNotExist(err) {
			return fmt.Errorf("output: %w", err)
		}
		hadOld = false
	}
	if err := os.Rename(w.stage, w.dir); err != nil {
		if hadOld {
			os.Rename(w.old, w.dir)
		}
		return fmt.Errorf("output: %w", err)
	}
	if hadOld {
		return os.RemoveAll(w.old)
	}
	return nil
}

// Abort throws the new version away; the previous one is untouched.
func (w *Writer) Abort() error { return os.RemoveAll(w.stage) }
