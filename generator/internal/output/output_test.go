package output

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"
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
	if _, err := os.Stat(dir + ".new"); !os.IsNotExist(err) {
		t.Errorf("%s left behind", dir+".new")
	}
	// Between builds, public.old is the site the last build replaced; the
	// next build removes it.
	if got := read(t, filepath.Join(dir+".old", "gammal", "index.html")); got != "bort" {
		t.Errorf("public.old holds %q, want the replaced site", got)
	}
	publish(t, dir, map[string]string{"index.html": "tre"})
	if _, err := os.Stat(filepath.Join(dir+".old", "gammal")); !os.IsNotExist(err) {
		t.Error("the site before last survived the next build")
	}
	if got := read(t, filepath.Join(dir+".old", "index.html")); got != "två" {
		t.Errorf("public.old/index.html = %q, want the replaced site's", got)
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

// countReads counts the previous version's files read while fn runs.
func countReads(t *testing.T, fn func()) int {
	t.Helper()
	var n int
	readFile = func(name string) ([]byte, error) {
		n++
		return os.ReadFile(name)
	}
	defer func() { readFile = os.ReadFile }()
	fn()
	return n
}

// sealRecord makes the record newer than every file it lists, as it is
// whenever the last write and the record's fall in different clock ticks.
func sealRecord(t *testing.T, dir string) {
	t.Helper()
	later := time.Now().Add(time.Hour)
	if err := os.Chtimes(dir+Marker, later, later); err != nil {
		t.Fatal(err)
	}
}

// TestRecordSparesReading: with the record of the last build, an unchanged
// file is hard-linked without being read, and a changed one is written,
// also without reading.
func TestRecordSparesReading(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "public")
	publish(t, dir, map[string]string{"a.html": "samma", "b.html": "före", "c/d.html": "också"})
	sealRecord(t, dir)
	a1, _ := os.Stat(filepath.Join(dir, "a.html"))
	b1, _ := os.Stat(filepath.Join(dir, "b.html"))
	reads := countReads(t, func() {
		publish(t, dir, map[string]string{"a.html": "samma", "b.html": "efter", "c/d.html": "också", "ny.html": "ny"})
	})
	if reads != 0 {
		t.Errorf("%d files read back, want none: the record says what they hold", reads)
	}
	a2, _ := os.Stat(filepath.Join(dir, "a.html"))
	b2, _ := os.Stat(filepath.Join(dir, "b.html"))
	if !os.SameFile(a1, a2) || !a1.ModTime().Equal(a2.ModTime()) {
		t.Error("an unchanged file was rewritten")
	}
	if os.SameFile(b1, b2) || read(t, filepath.Join(dir, "b.html")) != "efter" {
		t.Error("a changed file was not rewritten")
	}
	// The record the second build wrote serves the third.
	sealRecord(t, dir)
	d2, _ := os.Stat(filepath.Join(dir, "c", "d.html"))
	reads = countReads(t, func() {
		publish(t, dir, map[string]string{"a.html": "samma", "b.html": "efter", "c/d.html": "också"})
	})
	d3, _ := os.Stat(filepath.Join(dir, "c", "d.html"))
	if reads != 0 || !os.SameFile(d2, d3) {
		t.Errorf("third build: %d files read, same file %v", reads, os.SameFile(d2, d3))
	}
}

// TestChangedBehindKbsBack: a file of the site changed by someone else is
// never taken for kb's: not when its size changed, not when only its bytes
// and time did, and not when its time was put back but the change may have
// fallen in the clock tick of the record (then the bytes are compared).
func TestChangedBehindKbsBack(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "public")
	files := map[string]string{"storlek.html": "kb:s", "innehall.html": "kb:s", "tid.html": "kb:s"}
	publish(t, dir, files)
	sealRecord(t, dir)
	os.WriteFile(filepath.Join(dir, "storlek.html"), []byte("någon annans"), 0o644)
	os.WriteFile(filepath.Join(dir, "innehall.html"), []byte("egen"), 0o644)
	later := time.Now().Add(2 * time.Hour) // after the record, as any later change is
	os.Chtimes(filepath.Join(dir, "innehall.html"), later, later)
	// Changed with its time put back to the recorded one, in the record's tick.
	tid := filepath.Join(dir, "tid.html")
	fi, _ := os.Stat(tid)
	os.WriteFile(tid, []byte("egen"), 0o644)
	os.Chtimes(tid, fi.ModTime(), fi.ModTime())
	os.Chtimes(dir+Marker, fi.ModTime(), fi.ModTime())

	publish(t, dir, files)
	for name := range files {
		if got := read(t, filepath.Join(dir, name)); got != "kb:s" {
			t.Errorf("%s = %q, want kb's bytes written again", name, got)
		}
	}
}

// TestStaleRecord: a process killed after the swap but before the record
// was written leaves the record of the build before; files written since
// are newer than it, so the next build compares their bytes.
func TestStaleRecord(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "public")
	publish(t, dir, map[string]string{"x.html": "aaaa"})
	stale, err := os.ReadFile(dir + Marker)
	if err != nil {
		t.Fatal(err)
	}
	fi, _ := os.Stat(dir + Marker)
	publish(t, dir, map[string]string{"x.html": "bbbb"})
	os.WriteFile(dir+Marker, stale, 0o644)
	os.Chtimes(dir+Marker, fi.ModTime(), fi.ModTime())
	publish(t, dir, map[string]string{"x.html": "aaaa"})
	if got := read(t, filepath.Join(dir, "x.html")); got != "aaaa" {
		t.Errorf("x.html = %q after a build over a stale record", got)
	}
}

// TestRecordRefusesForeignFile: the record's place holding anything but a
// record (or one cut short before its first entry) stops the build; the
// file is left as it was.
func TestRecordRefusesForeignFile(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "public")
	os.WriteFile(dir+Marker, []byte("mina anteckningar\n"), 0o644)
	_, err := Begin(dir)
	var fe *ForeignError
	if !errors.As(err, &fe) || fe.Dir != dir+Marker || !fe.Record {
		t.Fatalf("Begin with a foreign file as record = %v", err)
	}
	if got := read(t, dir+Marker); got != "mina anteckningar\n" {
		t.Errorf("the foreign file changed: %q", got)
	}
	os.WriteFile(dir+Marker, []byte(recordHeader[:10]), 0o644) // a write of the record cut short
	publish(t, dir, map[string]string{"index.html": "ett"})
	if got := read(t, dir+Marker); !strings.HasPrefix(got, recordHeader) || !strings.Contains(got, "\tindex.html\n") {
		t.Errorf("record after the build:\n%s", got)
	}
}

// TestRecordOfEarlierKb: a record an earlier kb wrote (sha256 sums) is
// kb's, not a foreign file: the build goes on, compares the files byte
// for byte instead of trusting sums it does not read, and writes a record
// of today's kind, which the next build trusts.
func TestRecordOfEarlierKb(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "public")
	publish(t, dir, map[string]string{"a.html": "samma", "b.html": "före"})
	a1, _ := os.Stat(filepath.Join(dir, "a.html"))
	v1 := recordHeaderV1 + fmt.Sprintf("%d\t%d\t%s\ta.html\n", a1.Size(), a1.ModTime().UnixNano(), strings.Repeat("ab", 32))
	if err := os.WriteFile(dir+Marker, []byte(v1), 0o644); err != nil {
		t.Fatal(err)
	}
	sealRecord(t, dir)
	reads := countReads(t, func() {
		publish(t, dir, map[string]string{"a.html": "samma", "b.html": "efter"})
	})
	if reads == 0 {
		t.Error("no file read back: the sums of an earlier kb's record were trusted")
	}
	if a2, _ := os.Stat(filepath.Join(dir, "a.html")); !os.SameFile(a1, a2) {
		t.Error("an unchanged file was rewritten")
	}
	if got := read(t, filepath.Join(dir, "b.html")); got != "efter" {
		t.Errorf("b.html = %q", got)
	}
	if got := read(t, dir+Marker); !strings.HasPrefix(got, recordHeader) {
		t.Errorf("record after the build begins %q", got[:min(len(got), 40)])
	}
	sealRecord(t, dir)
	if reads := countReads(t, func() {
		publish(t, dir, map[string]string{"a.html": "samma", "b.html": "efter"})
	}); reads != 0 {
		t.Errorf("%d files read back after a record of today's kind", reads)
	}
}

// TestRemovalCutShort: a process killed while removing the site before
// last leaves part of it, marker included (it goes last); the next build
// removes the rest.
func TestRemovalCutShort(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "public")
	publish(t, dir, map[string]string{"a/index.html": "1", "b/index.html": "1"})
	publish(t, dir, map[string]string{"a/index.html": "2", "b/index.html": "2"})
	if err := os.RemoveAll(filepath.Join(dir+".old", "a")); err != nil {
		t.Fatal(err)
	}
	publish(t, dir, map[string]string{"a/index.html": "3"})
	if _, err := os.Stat(filepath.Join(dir+".old", "b", "index.html")); err != nil {
		t.Errorf("public.old is not the replaced site: %v", err)
	}
	if got := read(t, filepath.Join(dir+".old", "b", "index.html")); got != "2" {
		t.Errorf("public.old/b = %q", got)
	}
	if got := read(t, filepath.Join(dir, "a", "index.html")); got != "3" {
		t.Errorf("a = %q", got)
	}
}

// Writers that make the same folder at once all succeed, whether its
// parent was made before (one mkdir each, one of which finds it made) or
// not (MkdirAll).
func TestConcurrentWritesShareFolders(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "public")
	w, err := Begin(dir)
	if err != nil {
		t.Fatal(err)
	}
	var wg sync.WaitGroup
	errs := make(chan error, 64)
	for i := range 64 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			// Half into a folder whose parent is the site's root, half
			// into one whose parent is new.
			rel := fmt.Sprintf("delad/%d.html", i)
			if i%2 == 1 {
				rel = fmt.Sprintf("ny/djup/%d.html", i)
			}
			errs <- w.Write(rel, []byte("x"))
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		if err != nil {
			t.Fatal(err)
		}
	}
	if err := w.Commit(); err != nil {
		t.Fatal(err)
	}
	for _, rel := range []string{"delad/0.html", "ny/djup/63.html"} {
		if got := read(t, filepath.Join(dir, rel)); got != "x" {
			t.Errorf("%s = %q", rel, got)
		}
	}
}

// tree reads a site folder: each file's path and bytes, each folder's path
// with a trailing slash, the marker left out.
func tree(t *testing.T, dir string) map[string]string {
	t.Helper()
	got := map[string]string{}
	err := filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		rel = filepath.ToSlash(rel)
		switch {
		case rel == "." || rel == Marker:
		case d.IsDir():
			got[rel+"/"] = ""
		case d.Type().IsRegular():
			got[rel] = read(t, p)
		default:
			got[rel] = "(" + d.Type().String() + ")"
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return got
}

func sameTree(t *testing.T, what string, got, want map[string]string) {
	t.Helper()
	for p, w := range want {
		if g, ok := got[p]; !ok {
			t.Errorf("%s lacks %s", what, p)
		} else if g != w {
			t.Errorf("%s: %s = %q, want %q", what, p, g, w)
		}
	}
	for p := range got {
		if _, ok := want[p]; !ok {
			t.Errorf("%s has %s, which it should not", what, p)
		}
	}
}

// TestRebuildBuildsInSiteBeforeLast: the third build builds in the first
// one's tree. What is unchanged stays the same file and folder (nothing is
// made again); what changed is replaced without touching the published
// site's file it shared; what the new site lacks is removed; a file where
// a folder now goes, and a folder where a file now goes, make room.
func TestRebuildBuildsInSiteBeforeLast(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "public")
	v1 := map[string]string{
		"index.html":        "start",
		"a/index.html":      "a",
		"b/index.html":      "b",
		"bort/index.html":   "bort",
		"bort/bild.png":     "png",
		"d":                 "fil",
		"f/index.html":      "mapp",
		"assets/x/sok.json": "{}",
	}
	publish(t, dir, v1)
	publish(t, dir, v1)
	stat := func(site, rel string) os.FileInfo {
		t.Helper()
		fi, err := os.Lstat(filepath.Join(site, filepath.FromSlash(rel)))
		if err != nil {
			t.Fatal(err)
		}
		return fi
	}
	// The folders the third build is to build in: the first build's.
	aFile, aFolder, xFolder := stat(dir, "a/index.html"), stat(dir+".old", "a"), stat(dir+".old", "assets/x")
	v3 := map[string]string{
		"index.html":         "start",
		"a/index.html":       "a",
		"b/index.html":       "ny b",
		"d/index.html":       "mapp nu",
		"f":                  "fil nu",
		"ny/sida/index.html": "ny",
		"assets/x/sok.json":  "{}",
	}
	w, err := Begin(dir)
	if err != nil {
		t.Fatal(err)
	}
	for p, data := range v3 {
		if err := w.Write(p, []byte(data)); err != nil {
			t.Fatal(err)
		}
	}
	// Before the swap the published site is the second build's, whole.
	sameTree(t, "the published site before the swap", tree(t, dir), withFolders(v1))
	if err := w.Commit(); err != nil {
		t.Fatal(err)
	}
	sameTree(t, "the third build", tree(t, dir), withFolders(v3))
	sameTree(t, "public.old after the third build", tree(t, dir+".old"), withFolders(v1))
	if !os.SameFile(aFile, stat(dir, "a/index.html")) {
		t.Error("an unchanged file was made again")
	}
	if !os.SameFile(aFolder, stat(dir, "a")) || !os.SameFile(xFolder, stat(dir, "assets/x")) {
		t.Error("a folder of the site before last was made again, not built in")
	}
	if _, err := os.Lstat(dir + ".new"); !os.IsNotExist(err) {
		t.Errorf("%s left behind", dir+".new")
	}
}

// withFolders adds to a site's files the folders that hold them, as tree
// lists them.
func withFolders(files map[string]string) map[string]string {
	all := map[string]string{}
	for p, data := range files {
		all[p] = data
		for d := filepath.ToSlash(filepath.Dir(p)); d != "."; d = filepath.ToSlash(filepath.Dir(d)) {
			all[d+"/"] = ""
		}
	}
	return all
}

// TestRecycledStageLeftByCrash: a build killed while writing leaves its
// stage, the site before last partly rebuilt; the next build builds in it
// and publishes exactly its own site.
func TestRecycledStageLeftByCrash(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "public")
	v1 := map[string]string{"index.html": "1", "a/index.html": "a", "b/index.html": "b"}
	publish(t, dir, v1)
	publish(t, dir, v1)
	w, err := Begin(dir)
	if err != nil {
		t.Fatal(err)
	}
	if err := w.Write("c/index.html", []byte("halv")); err != nil {
		t.Fatal(err)
	}
	if err := w.Write("a/index.html", []byte("ändrad")); err != nil {
		t.Fatal(err)
	}
	<-w.cleared // killed here: no Commit, no Abort
	<-w.listed
	v4 := map[string]string{"index.html": "4", "a/index.html": "a", "d/index.html": "d"}
	publish(t, dir, v4)
	sameTree(t, "the build after the crash", tree(t, dir), withFolders(v4))
	sameTree(t, "public.old", tree(t, dir+".old"), withFolders(v1))
}

// TestRecycledStageFollowsNoLink: a link left in the site before last, where
// the new site has a folder or a file, is replaced; nothing is written
// where it points.
func TestRecycledStageFollowsNoLink(t *testing.T) {
	root := t.TempDir()
	dir := filepath.Join(root, "public")
	elsewhere := filepath.Join(root, "annat")
	if err := os.Mkdir(elsewhere, 0o755); err != nil {
		t.Fatal(err)
	}
	v1 := map[string]string{"index.html": "1"}
	publish(t, dir, v1)
	publish(t, dir, v1)
	for _, name := range []string{"g", "h.html"} {
		if err := os.Symlink(elsewhere, filepath.Join(dir+".old", name)); err != nil {
			t.Skip("no symbolic links here:", err)
		}
	}
	v3 := map[string]string{"index.html": "1", "g/index.html": "g", "h.html": "h"}
	publish(t, dir, v3)
	sameTree(t, "the third build", tree(t, dir), withFolders(v3))
	if got := tree(t, elsewhere); len(got) != 0 {
		t.Errorf("written through a link: %v", got)
	}
}
