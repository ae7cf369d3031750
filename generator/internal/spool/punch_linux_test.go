package spool

import (
	"bytes"
	"fmt"
	"os"
	"syscall"
	"testing"
)

// TestDrop: the records before a mark are freed on the disk and in the
// page cache (the file's blocks shrink by about their size), and every
// record after it reads back as it was, those still in memory included.
func TestDrop(t *testing.T) {
	s, err := Create(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	record := func(i int) []byte { return bytes.Repeat([]byte(fmt.Sprintf("källa %d; ", i)), 100) }
	blocks := func() int64 {
		var st syscall.Stat_t
		if err := syscall.Fstat(int(s.f.Fd()), &st); err != nil {
			t.Fatal(err)
		}
		return st.Blocks * 512
	}
	i := 0
	for s.Mark() < 8*blockSize { // the sources: 8 MB, written
		s.Put(record(i))
		i++
	}
	mark, before := s.Mark(), i
	var refs []Ref
	for s.Mark() < mark+2*blockSize+blockSize/2 { // the rest: the last of it still in memory
		refs = append(refs, s.Put(record(i)))
		i++
	}
	held := blocks()
	s.Drop(mark)
	if err := s.Err(); err != nil {
		t.Fatal(err)
	}
	freed := held - blocks()
	if freed == 0 && !canPunch(t) {
		t.Skip("this file system cannot punch holes in a file")
	}
	if freed < 7*blockSize || freed > mark {
		t.Errorf("Drop freed %d bytes of the %d before the mark", freed, mark)
	}
	for k, r := range refs {
		got, err := s.Get(r)
		if err != nil || !bytes.Equal(got, record(before+k)) {
			t.Fatalf("record %d after the mark: %q, %v", before+k, got, err)
		}
	}
}

// canPunch reports whether the test's file system frees a punched hole.
func canPunch(t *testing.T) bool {
	f, err := os.CreateTemp(t.TempDir(), "punch")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if _, err := f.Write(make([]byte, 1<<16)); err != nil {
		t.Fatal(err)
	}
	return syscall.Fallocate(int(f.Fd()), fallocPunch, 0, 1<<16) == nil
}
