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

// TestRoundTrip: records put from many goroutines at once read back byte
// for byte, in any order, empty ones included, and take less room on disk
// than they hold.
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
				refs[i] = s.Put(want[i])
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
		total += len(want[i])
	}
	if end := s.end.Load(); end >= int64(total)/2 {
		t.Errorf("the file holds %d bytes for %d put: not compressed", end, total)
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

// TestDamaged: a record that does not read back whole is an error, not
// wrong bytes.
func TestDamaged(t *testing.T) {
	s, err := Create(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	r := s.Put(bytes.Repeat([]byte("hemtjänst "), 100))
	r.n /= 2
	if got, err := s.Get(r); err == nil {
		t.Errorf("half a record read back as %d bytes without error", len(got))
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
