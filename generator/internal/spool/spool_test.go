package spool

import (
	"bytes"
	"fmt"
	"os"
	"runtime"
	"strings"
	"sync"
	"testing"
)

// TestRoundTrip: records put from many goroutines at once, as bytes and as
// text, read back byte for byte, in any order, empty ones included, and
// take on disk the room they hold, no more.
func TestRoundTrip(t *testing.T) {
	s, err := Create(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	const n = 400
	want := make([][]byte, n)
	for i := range want {
		want[i] = []byte(strings.Repeat(fmt.Sprintf("<p>Sida %d: nattkameror i hemtjänsten.</p>\n", i), i%37))
	}
	refs := make([]Ref, n)
	var wg sync.WaitGroup
	for w := 0; w < 8; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := w; i < n; i += 8 {
				if i%2 == 0 {
					refs[i] = s.Put(want[i])
				} else {
					refs[i] = s.PutString(string(want[i]))
				}
			}
		}()
	}
	wg.Wait()
	if err := s.Err(); err != nil {
		t.Fatal(err)
	}
	total := 0
	for i := n - 1; i >= 0; i-- {
		got, err := s.Get(refs[i])
		if err != nil || !bytes.Equal(got, want[i]) {
			t.Fatalf("record %d: %d bytes back (%v), want %d", i, len(got), err, len(want[i]))
		}
		text, err := s.GetString(refs[i])
		if err != nil || text != string(want[i]) {
			t.Fatalf("record %d as text: %d bytes back (%v), want %d", i, len(text), err, len(want[i]))
		}
		total += len(want[i])
	}
	if end := s.end; end != int64(total) {
		t.Errorf("the file holds %d bytes for %d put", end, total)
	}
}

// TestBlocks: records gathered into blocks read back whole before their
// block is written, while it is, and after, among them records larger
// than a block and records that would cross a block's end; the file then
// holds them at the places their Refs say.
func TestBlocks(t *testing.T) {
	s, err := Create(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	sizes := []int{0, 10, blockSize - 20, 30, blockSize + 5, 7, blockSize, 1, blockSize/2 + 1, blockSize / 2, 0, 3}
	var want [][]byte
	var refs []Ref
	var buf []byte // one buffer for every AppendRecord, after a prefix it keeps
	const prefix = "<main>"
	for i, n := range sizes {
		want = append(want, bytes.Repeat([]byte{byte('a' + i)}, n))
		refs = append(refs, s.Put(want[i]))
		for j := range refs { // every record so far, whichever place it is in
			got, err := s.Get(refs[j])
			if err != nil || !bytes.Equal(got, want[j]) {
				t.Fatalf("after %d records, record %d: %d bytes back (%v), want %d", i+1, j, len(got), err, len(want[j]))
			}
			buf, err = s.AppendRecord(append(buf[:0], prefix...), refs[j])
			if err != nil || string(buf[:len(prefix)]) != prefix || !bytes.Equal(buf[len(prefix):], want[j]) {
				t.Fatalf("after %d records, record %d appended: %d bytes back (%v), want %d after the prefix", i+1, j, len(buf), err, len(want[j]))
			}
		}
	}
	if err := s.Err(); err != nil {
		t.Fatal(err)
	}
	if len(s.flushing) != 0 {
		t.Errorf("%d blocks still marked as being written", len(s.flushing))
	}
	for j, r := range refs { // those written, read from the file itself
		if _, inTail := s.tail.holds(nil, r); inTail {
			continue
		}
		got := make([]byte, r.n)
		if _, err := s.f.ReadAt(got, r.off); err != nil || !bytes.Equal(got, want[j]) {
			t.Errorf("record %d in the file: %v, or bytes differ", j, err)
		}
	}
}

// TestFailedWrite: once a block cannot be written, Err says so and no
// record reads back, not even one still in memory: a record of a block
// lost cannot be told from the others.
func TestFailedWrite(t *testing.T) {
	s, err := Create(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	r := s.Put([]byte("hemtjänst"))
	s.f.Close() // the disk goes away
	s.Put(make([]byte, blockSize))
	if s.Err() == nil {
		t.Fatal("a failed write left no error")
	}
	if got, err := s.Get(r); err == nil {
		t.Errorf("a record read back as %q after a failed write", got)
	}
	if got, err := s.AppendRecord(nil, r); err == nil {
		t.Errorf("a record appended as %q after a failed write", got)
	}
}

// TestLeavesNothing: the scratch file is not in the folder while the spool
// is open (where the system allows it) and is gone after Close, after which
// Get fails.
func TestLeavesNothing(t *testing.T) {
	dir := t.TempDir()
	s, err := Create(dir)
	if err != nil {
		t.Fatal(err)
	}
	r := s.Put([]byte("text"))
	names := func() []string {
		entries, err := os.ReadDir(dir)
		if err != nil {
			t.Fatal(err)
		}
		var out []string
		for _, e := range entries {
			out = append(out, e.Name())
		}
		return out
	}
	if got := names(); runtime.GOOS != "windows" && len(got) != 0 {
		t.Errorf("while open, the folder holds %v", got)
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	if got := names(); len(got) != 0 {
		t.Errorf("after Close, the folder holds %v", got)
	}
	if _, err := s.Get(r); err == nil {
		t.Error("Get after Close succeeded")
	}
}

// TestDamaged: a record that does not read back whole (the file ends
// before it) is an error, not wrong bytes.
func TestDamaged(t *testing.T) {
	s, err := Create(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	r := s.Put(bytes.Repeat([]byte("hemtjänst "), 100))
	r.off += int64(r.n) / 2
	if got, err := s.Get(r); err == nil {
		t.Errorf("a record past the file's end read back as %d bytes without error", len(got))
	}
	if got, err := s.GetString(r); err == nil {
		t.Errorf("a record past the file's end read back as %d bytes of text without error", len(got))
	}
	if _, err := s.Get(Ref{off: -1}); err == nil {
		t.Error("a record never written read back without error")
	}
}

// TestCreateMakesFolder: the folder beside the output may not exist yet on
// a first build.
func TestCreateMakesFolder(t *testing.T) {
	dir := t.TempDir() + "/a/b"
	s, err := Create(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if fi, err := os.Stat(dir); err != nil || !fi.IsDir() {
		t.Errorf("folder not made: %v", err)
	}
}
