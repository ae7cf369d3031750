// Package output writes a built site to disk, atomically: the new site is
// written into a staging folder beside the output folder and swapped in
// only when it is complete, so an interrupted or failed build leaves the
// previous site whole, and a web server or watcher never sees half a site.
//
// It replaces only folders it wrote itself: every site it publishes carries
// the file [Marker], and a folder that exists, is not empty and lacks it (a
// mistyped -out naming the project, a home folder, documents) is refused
// before anything is removed ([Claim]).
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

// Marker is the file kb writes into every site it publishes, and the sign
// that a folder may be replaced.
const Marker = ".kunskapsbanken"

// markerText is Marker's content: it tells a person who finds the file why
// it is there.
const markerText = "Den här mappen är en webbplats som kb (kunskapsbanken) har byggt.\n" +
	"kb build ersätter bara mappar som har den här filen, är tomma eller saknas.\n"

// ForeignError is the refusal to replace a folder kb did not write.
type ForeignError struct{ Dir string }

func (e *ForeignError) Error() string {
	return fmt.Sprintf("%s finns, är inte tom och är ingen webbplats som kb har byggt (filen %s saknas), så kb ersätter den inte; "+
		"välj en annan mapp med -out, eller ta bort mappen själv om den får försvinna", e.Dir, Marker)
}

// Claim reports whether dir may be replaced by a new site: it may when it
// is missing, an empty folder, or a site kb published (it holds Marker).
// Anything else, a file included, is a *ForeignError.
func Claim(dir string) error {
	fi, err := os.Lstat(dir)
	if os.IsNotExist(err) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("output: %w", err)
	}
	if !fi.IsDir() {
		return &ForeignError{dir}
	}
	if _, err := os.Lstat(filepath.Join(dir, Marker)); err == nil {
		return nil
	}
	f, err := os.Open(dir)
	if err != nil {
		return fmt.Errorf("output: %w", err)
	}
	defer f.Close()
	if names, _ := f.Readdirnames(1); len(names) == 0 {
		return nil
	}
	return &ForeignError{dir}
}

// Begin starts a new version of the site in dir. It first repairs what an
// earlier, interrupted Commit may have left: if dir is missing but the
// previous version is still in dir.old, that is put back. dir, and the
// staging folders dir.new and dir.old beside it, must pass [Claim].
func Begin(dir string) (*Writer, error) {
	dir = filepath.Clean(dir)
	w := &Writer{dir: dir, stage: dir + ".new", old: dir + ".old", made: map[string]bool{}}
	for _, d := range []string{dir, w.stage, w.old} {
		if err := Claim(d); err != nil {
			return nil, err
		}
	}
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
	// The marker first, so that even a stage left half-written by a killed
	// process may be removed by the next Begin.
	if err := os.WriteFile(filepath.Join(w.stage, Marker), []byte(markerText), 0o644); err != nil {
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
	if rel == Marker {
		return fmt.Errorf("output: %q is the marker of a site kb wrote", rel)
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
