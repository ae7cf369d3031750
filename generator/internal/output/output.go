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
// A file whose bytes did not change since the last build is hard-linked
// from it, so its modification time stays and rsync and watchers skip it.
// To know that without reading the old file back, a record beside the site
// (public.kunskapsbanken for public/, [Marker] appended to the folder's
// name) lists the size, SHA-256 and modification time of every file the
// last build published. An entry is trusted only while the file still has
// that size and time, and the time is older than the record itself (so a
// change made in the same clock tick as kb's write is not missed, as git
// treats its index); otherwise the bytes are compared. A stale or broken
// record therefore costs only time, never a wrong site.
//
// Between builds the folder beside, public.old/, still holds the site the
// last build replaced (its unchanged files are the same files as public/'s,
// hard links, so it takes the room only of what changed). The next [Begin]
// removes it in the background while the site is being built, so neither
// build waits for the old tree's removal; [Writer.Commit] waits for it only
// if it is not yet done. Every folder is removed with its marker last, so a
// removal cut short leaves a folder the next build may still remove.
//
//	w, err := output.Begin("public")
//	w.Write("index.html", data)   // from any number of goroutines
//	w.Commit()                    // or w.Abort()
package output

import (
	"bufio"
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"
)

// Writer writes one new version of the site.
type Writer struct {
	dir, stage, old, record string
	mu                      sync.Mutex
	made                    map[string]bool // folders already created in the stage
	fresh                   bool            // no previous site to link unchanged files from
	files                   atomic.Int64

	last   map[string]entry // what the last build published, from its record
	sealed time.Time        // the record's own modification time
	wrote  []entry          // what this build has written, for the next record

	cleared  chan struct{} // closed when the previous build's old tree is gone
	clearErr error
}

// entry is one file of the record.
type entry struct {
	path  string
	size  int64
	mtime time.Time
	sum   [sha256.Size]byte
}

// Marker is the file kb writes into every site it publishes, and the sign
// that a folder may be replaced.
const Marker = ".kunskapsbanken"

// markerText is Marker's content: it tells a person who finds the file why
// it is there.
const markerText = "Den här mappen är en webbplats som kb (kunskapsbanken) har byggt.\n" +
	"kb build ersätter bara mappar som har den här filen, är tomma eller saknas.\n"

// recordHeader is the record's first line: it says what the file is, and
// marks it as kb's.
const recordHeader = "# kunskapsbanken 1: storlek, ändringstid, sha256 och sökväg för varje fil som kb build senast publicerade i mappen bredvid; kb läser den för att slippa jämföra filerna byte för byte, och filen får tas bort\n"

// ForeignError is the refusal to replace a folder kb did not write, or a
// file in the place of the record.
type ForeignError struct {
	Dir    string
	Record bool // Dir is where the record goes, and holds something else
}

func (e *ForeignError) Error() string {
	if e.Record {
		return fmt.Sprintf("%s finns och är inte kb:s förteckning över den publicerade webbplatsen, så kb skriver inte över den; "+
			"välj en annan mapp med -out, eller ta bort filen själv om den får försvinna", e.Dir)
	}
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
		return &ForeignError{Dir: dir}
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
	return &ForeignError{Dir: dir}
}

// Begin starts a new version of the site in dir. It first repairs what an
// earlier, interrupted Commit may have left: if dir is missing but the
// previous version is still in dir.old, that is put back. It then starts
// removing dir.old, the site the last build replaced, in the background.
// dir, and the staging folders dir.new and dir.old beside it, must pass
// [Claim], and the record dir.kunskapsbanken must be kb's or missing.
func Begin(dir string) (*Writer, error) {
	dir = filepath.Clean(dir)
	w := &Writer{dir: dir, stage: dir + ".new", old: dir + ".old", record: dir + Marker,
		made: map[string]bool{}, cleared: make(chan struct{})}
	for _, d := range []string{dir, w.stage, w.old} {
		if err := Claim(d); err != nil {
			return nil, err
		}
	}
	if err := w.readRecord(); err != nil {
		return nil, err
	}
	if _, err := os.Lstat(dir); os.IsNotExist(err) {
		if _, err := os.Lstat(w.old); err == nil {
			if err := os.Rename(w.old, dir); err != nil {
				return nil, fmt.Errorf("output: restoring %s: %w", w.old, err)
			}
		}
	}
	if _, err := os.Lstat(dir); os.IsNotExist(err) {
		w.fresh = true // every file is new: Write asks nothing of the old site
	}
	if err := removeSite(w.stage); err != nil { // left by a build cut short
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
	go func() {
		w.clearErr = removeSite(w.old)
		close(w.cleared)
	}()
	return w, nil
}

// removeSite removes a site folder, if there is one, its marker last: a
// removal cut short leaves a folder Claim still accepts.
func removeSite(dir string) error {
	f, err := os.Open(dir)
	if os.IsNotExist(err) {
		return nil
	}
	if err != nil {
		return err
	}
	names, err := f.Readdirnames(-1)
	f.Close()
	if err != nil {
		return err
	}
	for _, name := range names {
		if name != Marker {
			if err := os.RemoveAll(filepath.Join(dir, name)); err != nil {
				return err
			}
		}
	}
	return os.RemoveAll(dir)
}

// readRecord reads what the last build published. A missing record is an
// empty one; a record cut short is read up to its last whole line.
func (w *Writer) readRecord() error {
	f, err := os.Open(w.record)
	if os.IsNotExist(err) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("output: %w", err)
	}
	defer f.Close()
	fi, err := f.Stat()
	if err != nil {
		return fmt.Errorf("output: %w", err)
	}
	r := bufio.NewReaderSize(f, 64<<10)
	head, err := r.ReadString('\n')
	switch {
	case fi.Mode().IsRegular() && err == io.EOF && strings.HasPrefix(recordHeader, head):
		return nil // kb's, cut short before its first entry
	case !fi.Mode().IsRegular() || err != nil || head != recordHeader:
		return &ForeignError{Dir: w.record, Record: true}
	}
	w.sealed = fi.ModTime()
	w.last = map[string]entry{}
	for {
		line, err := r.ReadString('\n')
		if err != nil {
			return nil // the end, or a line cut short
		}
		e, ok := parseEntry(strings.TrimSuffix(line, "\n"))
		if !ok {
			return nil
		}
		w.last[e.path] = e
	}
}

// parseEntry reads "size<TAB>mtime-ns<TAB>sha256<TAB>path".
func parseEntry(line string) (entry, bool) {
	f := strings.SplitN(line, "\t", 4)
	if len(f) != 4 || len(f[2]) != 2*sha256.Size {
		return entry{}, false
	}
	size, err1 := strconv.ParseInt(f[0], 10, 64)
	ns, err2 := strconv.ParseInt(f[1], 10, 64)
	var e entry
	_, err3 := hex.Decode(e.sum[:], []byte(f[2]))
	if err1 != nil || err2 != nil || err3 != nil {
		return entry{}, false
	}
	e.path, e.size, e.mtime = f[3], size, time.Unix(0, ns)
	return e, true
}

// Write writes one file; rel is slash-separated and relative to the site
// root. data is not kept after Write returns. A file whose bytes equal the
// previous version's is hard-linked from it instead, so its modification
// time stays, and rsync and watchers stay quiet about it. Write is safe for
// concurrent use.
func (w *Writer) Write(rel string, data []byte) error {
	if err := checkRel(rel); err != nil {
		return err
	}
	dst := filepath.Join(w.stage, filepath.FromSlash(rel))
	if err := w.mkdir(filepath.Dir(rel)); err != nil {
		return err
	}
	w.files.Add(1)
	e := entry{path: rel, size: int64(len(data)), sum: sha256.Sum256(data)}
	if !w.fresh {
		prev := filepath.Join(w.dir, filepath.FromSlash(rel))
		if mtime, ok := w.unchanged(prev, e, data); ok && os.Link(prev, dst) == nil {
			e.mtime = mtime
			w.note(e)
			return nil
		}
	}
	mtime, err := writeFile(dst, data)
	if err != nil {
		return fmt.Errorf("output: %w", err)
	}
	if !mtime.IsZero() { // else the next build compares the bytes
		e.mtime = mtime
		w.note(e)
	}
	return nil
}

// unchanged reports whether the previous version's file at prev holds the
// bytes e describes, and its modification time. The record answers when
// it may be trusted; otherwise the file is read.
func (w *Writer) unchanged(prev string, e entry, data []byte) (time.Time, bool) {
	fi, err := os.Lstat(prev)
	if err != nil || !fi.Mode().IsRegular() || fi.Size() != e.size {
		return time.Time{}, false
	}
	mtime := fi.ModTime()
	if r, ok := w.last[e.path]; ok && r.size == e.size && r.mtime.Equal(mtime) && r.mtime.Before(w.sealed) {
		return mtime, r.sum == e.sum
	}
	old, err := readFile(prev)
	return mtime, err == nil && bytes.Equal(old, data)
}

// readFile reads a previous version's file; a variable so that tests can
// tell when the record spared the reading.
var readFile = os.ReadFile

// note adds a written file to the next record. A path with a line break
// cannot be a line of it, and is left out: the next build compares its bytes.
func (w *Writer) note(e entry) {
	if strings.ContainsAny(e.path, "\n\r") {
		return
	}
	w.mu.Lock()
	w.wrote = append(w.wrote, e)
	w.mu.Unlock()
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
// folders made, not the system call: holding it through the call made every
// render worker wait in turn. A folder whose parent is made (a page's
// folder, nearly always) costs one mkdir; MkdirAll, which asks about every
// folder above before it makes one, three. Two writers may make the same
// folder at once: the one that finds it made is content.
func (w *Writer) mkdir(rel string) error {
	w.mu.Lock()
	done, parentMade := w.made[rel], w.made[filepath.Dir(rel)]
	w.mu.Unlock()
	if done {
		return nil
	}
	dir := filepath.Join(w.stage, filepath.FromSlash(rel))
	var err error
	if parentMade {
		if err = os.Mkdir(dir, 0o755); os.IsExist(err) {
			if fi, serr := os.Stat(dir); serr == nil && fi.IsDir() {
				err = nil
			}
		}
	} else {
		err = os.MkdirAll(dir, 0o755)
	}
	if err != nil {
		return fmt.Errorf("output: %w", err)
	}
	w.mu.Lock()
	for d := rel; d != "." && d != "/" && !w.made[d]; d = filepath.Dir(d) {
		w.made[d] = true
	}
	w.mu.Unlock()
	return nil
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

// Commit swaps the new version in: the old one is renamed aside to
// dir.old, the new one renamed into place, and the record of what it holds
// written. Each rename is atomic; if the process dies between them, the
// next Begin restores the old version. dir.old stays until the next Begin
// removes it, so no build waits for the removal of a whole site.
func (w *Writer) Commit() error {
	<-w.cleared
	if w.clearErr != nil {
		w.Abort()
		return fmt.Errorf("output: removing the site before last: %w", w.clearErr)
	}
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
	w.writeRecord()
	return nil
}

// writeRecord writes what this build published, after the swap: a record
// that is stale because the process died before it was written describes
// files whose times have changed since, so it is not trusted for them. The
// site is published by then, so a record that cannot be written is only
// removed: the next build compares bytes.
func (w *Writer) writeRecord() {
	slices.SortFunc(w.wrote, func(a, b entry) int { return strings.Compare(a.path, b.path) })
	var b bytes.Buffer
	b.Grow(len(recordHeader) + 120*len(w.wrote))
	b.WriteString(recordHeader)
	for _, e := range w.wrote {
		fmt.Fprintf(&b, "%d\t%d\t%x\t%s\n", e.size, e.mtime.UnixNano(), e.sum, e.path)
	}
	if err := os.WriteFile(w.record, b.Bytes(), 0o644); err != nil {
		os.Remove(w.record)
	}
}

// Abort throws the new version away; the previous one is untouched. It
// waits for the removal of the site before last that Begin started.
func (w *Writer) Abort() error {
	<-w.cleared
	return removeSite(w.stage)
}
