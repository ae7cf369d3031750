// Package spool keeps bytes a build needs again later on disk instead of
// in memory: kb build puts every page's Markdown source here from parse
// to the Markdown stage (0.7 GB at 100,000 pages), and every page's
// rendered body between the Markdown stage, which makes it, and the render
// stage, which reads it once (0.9 GB of HTML at 100,000 pages, the largest
// thing a build would otherwise hold through the search stage and render).
// It also keeps each page's plain text until the search stage reads it,
// and the search index's files until the hash of them all names their
// folder.
//
// A spool is one scratch file, created beside the output folder (on the
// disk the site goes to: the system's temporary folder may be in memory) and removed by Close; on
// systems that allow it, its name is removed at once, so a killed build
// leaves nothing behind. Put appends its bytes as they are, and Get reads
// them back. The records are not compressed: Snappy made the file about
// half as large (0.55 of the Markdown sources) but cost about 2 s of a
// 10,000-page build's 41 s of CPU; a Put and Get of the sources ran at
// 40 MB/s with it and 260 MB/s without, one copy into the page cache and
// one out. Both are safe for concurrent use. Put gathers records in a
// block of memory and writes a full block at once, outside its lock, so
// the cores wait for each other only to copy a record in; Get reads a
// record from the file at its place, or from memory while its block is
// not yet written. The page cache, not the process, holds what was
// written.
//
// The sources are dead once the Markdown stage has read them: Drop then
// punches them out of the file (on Linux), so the kernel does not write
// them to the disk; at 100,000 pages the build's output and spool dirty
// more of the page cache than it keeps unwritten.
//
// With load and output, it is the only part of a build that touches the
// disk.
package spool

import (
	"errors"
	"fmt"
	"os"
	"slices"
	"sync"
	"unsafe"
)

// Spool is one scratch file of records.
type Spool struct {
	f    *os.File
	name string // still to be removed by Close; "" once removed

	mu       sync.Mutex
	end      int64    // where the next record goes
	tail     block    // the records put last, not yet written
	flushing []*block // blocks being written, read from memory until they are
	free     [][]byte // buffers of blocks written, for the next tail
	err      error    // the first failed write
}

// block is records put one after another, written to the file at off in
// one system call.
type block struct {
	off int64
	buf []byte
}

// holds reports whether r lies in b, and if so appends it to dst.
func (b *block) holds(dst []byte, r Ref) ([]byte, bool) {
	if r.off < b.off || r.off+int64(r.n) > b.off+int64(len(b.buf)) {
		return nil, false
	}
	start := r.off - b.off
	return append(dst, b.buf[start:start+int64(r.n)]...), true
}

// blockSize is how many bytes of records are gathered before they are
// written. Written record by record, a 10,000-page build made about 40,000
// positioned writes (0.53 s of system time: each takes the file's lock and
// updates its modification time); in blocks of 1 MiB, about 250.
const blockSize = 1 << 20

// maxFree is how many written blocks' buffers are kept for reuse: one a
// core is writing and the next tail's.
const maxFree = 4

// Ref says where Put wrote a record.
type Ref struct {
	off int64
	n   int32 // length
}

// Create makes a spool in dir, creating dir if needed.
func Create(dir string) (*Spool, error) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, fmt.Errorf("spool: %w", err)
	}
	f, err := os.CreateTemp(dir, ".kb-spool-*")
	if err != nil {
		return nil, fmt.Errorf("spool: %w", err)
	}
	s := &Spool{f: f, name: f.Name()}
	if os.Remove(s.name) == nil { // not on Windows, which keeps open files' names
		s.name = ""
	}
	return s, nil
}

// Put stores data and says where. A failure (a full disk) is kept for Err,
// and from then on every Get fails, since the records of a block that was
// not written cannot be told from the others.
//
// Records gather in memory (the tail) and are written a block at a time;
// a block full, or a record larger than a block, is written after the
// lock is released, so the cores that put records do not wait for each
// other's writes. Until a block is written, Get reads its records from
// memory.
func (s *Spool) Put(data []byte) Ref {
	if len(data) > 1<<31-1 {
		s.fail(fmt.Errorf("spool: a record of %d bytes is too large", len(data)))
		return Ref{off: -1}
	}
	n := int64(len(data))
	s.mu.Lock()
	var full *block // the tail, to be written now
	if len(s.tail.buf)+len(data) > blockSize && len(s.tail.buf) > 0 {
		full = &block{off: s.tail.off, buf: s.tail.buf}
		s.flushing = append(s.flushing, full)
		s.tail = block{off: s.end}
	}
	off := s.end
	s.end += n
	large := n > blockSize // written on its own, the tail starts after it
	if large {
		s.tail.off = s.end
	} else {
		if s.tail.buf == nil {
			s.tail.buf = s.newBuffer()
		}
		s.tail.buf = append(s.tail.buf, data...)
	}
	s.mu.Unlock()

	if large {
		if _, err := s.f.WriteAt(data, off); err != nil {
			s.fail(fmt.Errorf("spool: %w", err))
		}
	}
	if full != nil {
		s.write(full)
	}
	return Ref{off: off, n: int32(n)}
}

// newBuffer returns a buffer for the next tail; s.mu is held.
func (s *Spool) newBuffer() []byte {
	if k := len(s.free); k > 0 {
		buf := s.free[k-1]
		s.free = s.free[:k-1]
		return buf
	}
	return make([]byte, 0, blockSize)
}

// write writes a full block, then stops reading it from memory.
func (s *Spool) write(b *block) {
	_, err := s.f.WriteAt(b.buf, b.off)
	s.mu.Lock()
	defer s.mu.Unlock()
	if err != nil && s.err == nil {
		s.err = fmt.Errorf("spool: %w", err)
	}
	for i, x := range s.flushing {
		if x == b {
			s.flushing = append(s.flushing[:i], s.flushing[i+1:]...)
			break
		}
	}
	if len(s.free) < maxFree && cap(b.buf) == blockSize {
		s.free = append(s.free, b.buf[:0])
	}
}

// PutString is Put for text, without copying it into a []byte first.
func (s *Spool) PutString(text string) Ref {
	// Put only reads its buffer, so text's own bytes may be passed.
	return s.Put(unsafe.Slice(unsafe.StringData(text), len(text)))
}

func (s *Spool) fail(err error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.err == nil {
		s.err = err
	}
}

// Err returns the first error of a Put, or nil (after Close, that it is
// closed).
func (s *Spool) Err() error {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.err
}

// Get returns the bytes Put stored at r, in a slice of their own.
func (s *Spool) Get(r Ref) ([]byte, error) {
	if r.off < 0 {
		return nil, errNeverWritten
	}
	data, err := s.AppendRecord(make([]byte, 0, r.n), r)
	if err != nil {
		return nil, err
	}
	return data, nil
}

// AppendRecord appends the bytes Put stored at r to dst and returns the
// extended slice, as append does: for a caller that is done with a record
// before it reads the next, and so can read every one into the same
// buffer. Read into a new slice each time, a record costs several times
// as much: the system copies it into memory the process has not touched
// (measured 8-11 µs against 2.3 µs for 8 KB), and the slice is zeroed
// before that.
func (s *Spool) AppendRecord(dst []byte, r Ref) ([]byte, error) {
	if r.off < 0 {
		return dst, errNeverWritten
	}
	if data, ok, err := s.fromMemory(dst, r); ok || err != nil {
		return data, err
	}
	n := len(dst)
	dst = slices.Grow(dst, int(r.n))[:n+int(r.n)]
	if _, err := s.f.ReadAt(dst[n:], r.off); err != nil {
		return dst[:n], fmt.Errorf("spool: %w", err)
	}
	return dst, nil
}

// errNeverWritten is what a Ref of a failed Put reads as.
var errNeverWritten = errors.New("spool: the record was never written")

// fromMemory appends a record not yet written to dst, if r is one.
func (s *Spool) fromMemory(dst []byte, r Ref) ([]byte, bool, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.err != nil {
		return dst, false, fmt.Errorf("spool: a record was not written: %w", s.err)
	}
	if data, ok := s.tail.holds(dst, r); ok {
		return data, true, nil
	}
	for _, b := range s.flushing {
		if data, ok := b.holds(dst, r); ok {
			return data, true, nil
		}
	}
	return dst, false, nil
}

// GetString is Get for text, without copying the bytes into a string.
func (s *Spool) GetString(r Ref) (string, error) {
	data, err := s.Get(r)
	if err != nil || len(data) == 0 {
		return "", err
	}
	// data is new and no one else holds it, so the string may own it.
	return unsafe.String(&data[0], len(data)), nil
}

// errClosed is what Get says after Close.
var errClosed = errors.New("spool: closed")

// Close closes the file and removes it; Get fails from then on.
func (s *Spool) Close() error {
	s.mu.Lock()
	s.tail, s.flushing, s.free = block{}, nil, nil
	if s.err == nil {
		s.err = errClosed
	}
	s.mu.Unlock()
	err := s.f.Close()
	if s.name != "" {
		if rerr := os.Remove(s.name); err == nil {
			err = rerr
		}
		s.name = ""
	}
	return err
}

// Mark is where the next record will go. Once every record put before it
// will not be read again, Drop(mark) lets the system forget them.
func (s *Spool) Mark() int64 {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.end
}

// Drop says that no record before mark (from Mark, taken after their Puts
// returned) will be read again. Where the system allows it (Linux), the
// file's pages before it are punched out, so the page cache drops them
// instead of writing them to the disk: at 100,000 pages, the Markdown
// sources (0.7 GB), read for the last time in the Markdown stage, were
// written back while render wrote the site. Records still in memory, and
// the page the last record before mark ends in, are kept. Get of a dropped
// record returns zeros or an error; nothing else changes.
func (s *Spool) Drop(mark int64) {
	s.mu.Lock()
	upto := min(mark, s.tail.off)
	for _, b := range s.flushing {
		upto = min(upto, b.off)
	}
	s.mu.Unlock()
	if upto &^= pageSize - 1; upto > 0 {
		punchHole(s.f, upto)
	}
}

// pageSize is the unit punchHole frees in: a page of the page cache.
const pageSize = 4096
