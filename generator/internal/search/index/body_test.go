package index

import (
	"bytes"
	"context"
	"errors"
	"maps"
	"runtime"
	"slices"
	"strings"
	"sync/atomic"
	"testing"
	"unsafe"

	"kunskapsbanken/generator/internal/search/internal/texts"
	"kunskapsbanken/generator/internal/spool"
)

// contentDocs makes a Doc of each Markdown file of the repository's
// content/, its sections cut at "## " lines.
func contentDocs(t *testing.T) []Doc {
	var docs []Doc
	for _, x := range texts.Content(t) {
		d := Doc{URL: x.Name, Type: "sida", Title: x.Name}
		sec := Section{}
		var lines []string
		for _, line := range strings.Split(x.Text, "\n") {
			if h, ok := strings.CutPrefix(line, "## "); ok {
				sec.Text = strings.Join(lines, "\n")
				d.Sections = append(d.Sections, sec)
				sec, lines = Section{ID: strings.ToLower(h), Heading: h}, nil
				continue
			}
			lines = append(lines, line)
		}
		sec.Text = strings.Join(lines, "\n")
		docs = append(docs, Doc{URL: d.URL, Type: d.Type, Title: d.Title, Sections: append(d.Sections, sec)})
	}
	if len(docs) < 10 {
		t.Fatalf("only %d pages in content/", len(docs))
	}
	return docs
}

// TestBody: pages whose text Body gives when asked make the same index,
// byte for byte, as pages that hold it (kb build's and the preview's), and
// Build asks for each page's text at most twice (to count, to cut the
// excerpts), so that it need not hold it.
func TestBody(t *testing.T) {
	docs := contentDocs(t)
	want := Build(docs, DefaultWeights).Export()

	calls := make([]atomic.Int32, len(docs))
	lazy := lazily(docs, func(i int) { calls[i].Add(1) })
	got := Build(lazy, DefaultWeights).Export()
	if len(got) != len(want) {
		t.Fatalf("%d files, want %d", len(got), len(want))
	}
	for i := range want {
		if got[i].Path != want[i].Path || !bytes.Equal(got[i].Data, want[i].Data) {
			t.Errorf("%s differs from %s with the text in memory", got[i].Path, want[i].Path)
		}
	}
	excerpts := 0
	for i := range calls {
		if n := calls[i].Load(); n < 1 || n > 2 {
			t.Errorf("the text of %s was read %d times, want once or twice", docs[i].URL, n)
		} else if n == 2 {
			excerpts++
		}
	}
	if excerpts == 0 {
		t.Error("no page was read for its excerpts")
	}
}

// lazily is docs with each page's text given by Body, which calls read
// with the page's number first. Given a buffer, Body writes over what the
// buffer held and copies the page's sections into it, as kb build reads
// them from its spool: an index that kept a string of an earlier page's
// text would then differ.
func lazily(docs []Doc, read func(i int)) []Doc {
	lazy := make([]Doc, len(docs))
	for i, d := range docs {
		secs := d.Sections
		d.Sections = nil
		d.Body = func(buf *[]byte) []Section {
			read(i)
			if buf == nil {
				return secs
			}
			b := (*buf)[:cap(*buf)]
			for k := range b {
				b[k] = '#'
			}
			b = b[:0]
			for _, s := range secs {
				b = append(b, s.Text...)
			}
			*buf = b
			out := make([]Section, len(secs))
			at := 0
			for k, s := range secs {
				out[k] = s
				out[k].Text = unsafe.String(unsafe.SliceData(b[at:]), len(s.Text))
				at += len(s.Text)
			}
			return out
		}
		lazy[i] = d
	}
	return lazy
}

// TestBuildContext: a build stopped before it starts, or while it counts
// the pages, gives no index but ctx's error, and once stopped it starts
// no page (each core finishes the one it holds).
func TestBuildContext(t *testing.T) {
	docs := contentDocs(t)
	ctx, stop := context.WithCancel(context.Background())
	stop()
	if ix, err := BuildContext(ctx, docs, DefaultWeights); ix != nil || !errors.Is(err, context.Canceled) {
		t.Errorf("stopped before it started: %v, %v; want no index and %v", ix, err, context.Canceled)
	}

	const stopAt = 3
	ctx, stop = context.WithCancel(context.Background())
	var read atomic.Int32
	lazy := lazily(docs, func(int) {
		if read.Add(1) == stopAt {
			stop()
		}
	})
	if ix, err := BuildContext(ctx, lazy, DefaultWeights); ix != nil || !errors.Is(err, context.Canceled) {
		t.Errorf("stopped while counting: %v, %v; want no index and %v", ix, err, context.Canceled)
	}
	if n, most := int(read.Load()), stopAt+runtime.GOMAXPROCS(0)-1; n > most {
		t.Errorf("%d pages read, want at most %d: pages were started after the build was stopped", n, most)
	}
}

// TestExportContext: an export stopped before it starts gives no files but
// ctx's error, and one not stopped gives Export's files.
func TestExportContext(t *testing.T) {
	ix := Build(contentDocs(t), DefaultWeights)
	ctx, stop := context.WithCancel(context.Background())
	stop()
	if files, err := ix.ExportContext(ctx); files != nil || !errors.Is(err, context.Canceled) {
		t.Errorf("stopped before it started: %d files, %v; want none and %v", len(files), err, context.Canceled)
	}
	want := ix.Export()
	got, err := ix.ExportContext(context.Background())
	if err != nil || len(got) != len(want) {
		t.Fatalf("not stopped: %d files, %v; want %d", len(got), err, len(want))
	}
	for i := range want {
		if got[i].Path != want[i].Path || !bytes.Equal(got[i].Data, want[i].Data) {
			t.Errorf("file %d: %s, want %s as Export makes it", i, got[i].Path, want[i].Path)
		}
	}
}

// TestExportTo: the streamed files are Export's, though ExportTo spends
// the index as it goes, and the first error of put ends the export.
func TestExportTo(t *testing.T) {
	ix := Build(contentDocs(t), DefaultWeights)
	files := ix.Export()
	dir, manifest, names := exportedAsExport(t, ix, files)
	if len(names) != len(files)-1 || files[0].Path != ManifestPath || !bytes.Equal(files[0].Data, manifest) {
		t.Fatalf("%d files and the manifest, want %d", len(names), len(files)-1)
	}
	for i, name := range names {
		if want := ShardDir + dir + "/" + name + ".json"; files[i+1].Path != want {
			t.Errorf("file %d: %s, want %s", i, files[i+1].Path, want)
		}
	}

	full := errors.New("disk full")
	n := 0
	ix = Build(contentDocs(t), DefaultWeights) // the first is spent
	_, _, err := ix.ExportTo(func(string, []byte) error {
		n++
		if n == 3 {
			return full
		}
		return nil
	})
	if !errors.Is(err, full) || n != 3 {
		t.Errorf("ExportTo after a failing put: %v, %d files put; want %v after 3", err, n, full)
	}
}

// TestBuildSpooled: an index whose word positions wait in a spool, spilled
// after every few pages, writes Export's files, byte for byte, and gives
// the same positions to a query, though it drops the pages' subjects and
// lessons as it counts them; and one whose spool cannot be read back
// fails its export rather than write what it lacks.
func TestBuildSpooled(t *testing.T) {
	defer func(n int) { spillBytes = n }(spillBytes)
	spillBytes = 4 << 10 // many runs per stem
	docs := contentDocs(t)
	for i := range docs {
		docs[i].Subjects = []string{"Digitala lås", "Trygghetslarm"}[i%2:]
		docs[i].Lessons = []string{"Börja med en pilot i hemtjänsten."}[:i%2]
	}
	mem := Build(docs, DefaultWeights)
	files := mem.Export()

	sp, err := spool.Create(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	defer sp.Close()
	spent := slices.Clone(docs)
	ix := BuildSpooled(spent, DefaultWeights, sp)
	for _, d := range spent {
		if d.Subjects != nil || d.Lessons != nil {
			t.Fatalf("%s: subjects %q and lessons %q kept after counting, want them dropped", d.URL, d.Subjects, d.Lessons)
		}
	}
	runs := 0
	for _, tm := range mem.terms {
		if s := ix.byStem[tm.stem]; s.tailLen > 0 {
			runs++
			want, got := tm.positions(true), loaded(ix, s)
			if !maps.EqualFunc(want, got, slices.Equal) {
				t.Errorf("%s: positions %v, want %v as in memory", tm.stem, got, want)
			}
		}
	}
	if runs == 0 {
		t.Fatal("no stem has a tail in the spool")
	}
	if err := ix.failed(); err != nil {
		t.Fatal(err)
	}

	ix = BuildSpooled(slices.Clone(docs), DefaultWeights, sp)
	dir, manifest, names := exportedAsExport(t, ix, files)
	if len(names) != len(files)-1 || !bytes.Equal(files[0].Data, manifest) || files[1].Path != ShardDir+dir+"/"+names[0]+".json" {
		t.Fatalf("%d files and the manifest, want %d as Export makes them", len(names), len(files)-1)
	}

	ix = BuildSpooled(slices.Clone(docs), DefaultWeights, sp)
	sp.Close()
	if _, manifest, err := ix.ExportTo(func(string, []byte) error { return nil }); err == nil || manifest != nil {
		t.Errorf("ExportTo with its spool closed: %v, %d bytes of manifest; want an error", err, len(manifest))
	}
}

// exportedAsExport runs ix.ExportTo, checking each file it gives against
// the same file of files (Export's, whose first is the manifest), and
// returns the folder, the manifest and the names of the files given.
func exportedAsExport(t *testing.T, ix *Index, files []File) (dir string, manifest []byte, names []string) {
	t.Helper()
	dir, manifest, err := ix.ExportTo(func(name string, data []byte) error {
		names = append(names, name)
		if len(names) < len(files) && !bytes.Equal(files[len(names)].Data, data) {
			t.Errorf("file %d, %s, differs from Export's %s", len(names), name, files[len(names)].Path)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return dir, manifest, names
}

// loaded is t's positions as Proximity reads them.
func loaded(ix *Index, t *term) map[int32][]int32 {
	ix.loadTail(t)
	return t.positions(true)
}
