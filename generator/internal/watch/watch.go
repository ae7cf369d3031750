// Package watch reports which files of a project changed, in batches, for
// the preview server.
//
// fsnotify watches single folders, so the watcher adds every folder below
// its roots, and each folder created later (a new page bundle, a folder
// restored by git checkout). Events come in bursts: an editor's save is a
// write, a rename and a change of attributes; a checkout of another branch
// is hundreds of files. The watcher waits until events stop for a moment
// (Quiet) and sends the paths of the whole burst as one batch, so one save
// is one rebuild. Hugo's watcher/batcher.go works the same way.
package watch

import (
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/fsnotify/fsnotify"
)

// Watcher sends the paths that changed under its root.
type Watcher struct {
	// Batches receives the project-relative, slash-separated paths of each
	// burst of changes, sorted. A nil batch means events were lost (the
	// kernel's queue overflowed): treat everything as changed.
	Batches <-chan []string
	// Errors receives problems the watcher could not recover from.
	Errors <-chan error

	root    string
	ignore  func(name string) bool
	fsw     *fsnotify.Watcher
	batches chan []string
	errors  chan error
	done    chan struct{}
	once    sync.Once
}

// Options of a watcher.
type Options struct {
	Quiet  time.Duration          // how long events must stop before a batch is sent; default 20ms (an editor's save is done in a few)
	MaxAge time.Duration          // a batch is sent after this long even if events go on; default 1s
	Ignore func(name string) bool // names never reported (editors' temporary files)
	// Begun, when set, is called on the watcher's goroutine as the first
	// event of a burst arrives, Quiet before its batch is sent at the
	// earliest: the preview stops work in the background then, which the
	// batch's update would stop anyway, so that the cores are free for it.
	Begun func()
}

// New watches the given folders below root recursively, and root itself
// (not recursively) for files such as site.yaml.
func New(root string, folders []string, opts Options) (*Watcher, error) {
	if opts.Quiet == 0 {
		opts.Quiet = 20 * time.Millisecond
	}
	if opts.MaxAge == 0 {
		opts.MaxAge = time.Second
	}
	if opts.Ignore == nil {
		opts.Ignore = func(string) bool { return false }
	}
	fsw, err := fsnotify.NewWatcher()
	if err != nil {
		return nil, err
	}
	w := &Watcher{root: root, ignore: opts.Ignore, fsw: fsw, batches: make(chan []string, 1), errors: make(chan error, 1), done: make(chan struct{})}
	w.Batches, w.Errors = w.batches, w.errors
	if err := fsw.Add(root); err != nil {
		fsw.Close()
		return nil, err
	}
	for _, f := range folders {
		if _, err := w.addTree(filepath.Join(root, f)); err != nil && !os.IsNotExist(err) {
			fsw.Close()
			return nil, err
		}
	}
	go w.loop(opts)
	return w, nil
}

// Close stops the watcher.
func (w *Watcher) Close() error {
	w.once.Do(func() { close(w.done) })
	return w.fsw.Close()
}

// addTree watches dir and every folder below it, and returns the files
// found there (a folder that appears with files in it, as a rename or a
// checkout makes, has no event for each of them).
func (w *Watcher) addTree(dir string) ([]string, error) {
	var files []string
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			if p == dir {
				return err
			}
			return nil // gone while walking: its removal has an event of its own
		}
		if p != dir && w.ignore(d.Name()) {
			if d.IsDir() {
				return filepath.SkipDir
			}
			return nil
		}
		if d.IsDir() {
			return w.fsw.Add(p)
		}
		files = append(files, p)
		return nil
	})
	return files, err
}

func (w *Watcher) rel(p string) string {
	r, err := filepath.Rel(w.root, p)
	if err != nil {
		return filepath.ToSlash(p)
	}
	return filepath.ToSlash(r)
}

func (w *Watcher) loop(opts Options) {
	defer close(w.batches)
	pending := map[string]bool{}
	lost := false
	var quiet, maxAge <-chan time.Time
	flush := func() {
		var batch []string
		if !lost {
			batch = make([]string, 0, len(pending))
			for p := range pending {
				batch = append(batch, p)
			}
			sort.Strings(batch)
		}
		select {
		case w.batches <- batch:
		case <-w.done:
			return
		}
		pending, lost, quiet, maxAge = map[string]bool{}, false, nil, nil
	}
	for {
		select {
		case <-w.done:
			return
		case ev, ok := <-w.fsw.Events:
			if !ok {
				return
			}
			if w.ignore(filepath.Base(ev.Name)) || ev.Op == fsnotify.Chmod {
				continue
			}
			if ev.Has(fsnotify.Create) {
				if fi, err := os.Lstat(ev.Name); err == nil && fi.IsDir() {
					files, _ := w.addTree(ev.Name)
					for _, f := range files {
						pending[w.rel(f)] = true
					}
				}
			}
			rel := w.rel(ev.Name)
			if strings.HasPrefix(rel, "..") {
				continue
			}
			pending[rel] = true
			if maxAge == nil {
				maxAge = time.After(opts.MaxAge)
				if opts.Begun != nil {
					opts.Begun()
				}
			}
			quiet = time.After(opts.Quiet)
		case err, ok := <-w.fsw.Errors:
			if !ok {
				return
			}
			if err == fsnotify.ErrEventOverflow {
				lost = true
				quiet = time.After(opts.Quiet)
				continue
			}
			select {
			case w.errors <- err:
			default:
			}
		case <-quiet:
			flush()
		case <-maxAge:
			flush()
		}
	}
}
