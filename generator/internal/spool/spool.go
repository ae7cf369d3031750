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
// one out. Both are safe for concurrent use: a
// Put reserves its place with one atomic addition and writes there, a Get
// reads at its place, so the cores never wait for each other. The page
// cache, not the process, holds what was written.
//
// With load and output, it is the only part of a build that touches the
// disk.
package spool

import (
	"fmt"
	"os"
	"sync"
	"sync/atomic"
	"unsafe"
)

// Spool is one scratch file of records.
type Spool struct {
	f    *os.File
	name string // still to be removed by Close; "" once removed
	end  atomic.Int64

	mu  sync.Mutex
	err error // the first failed Put
}

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
// and the Ref it returns reads back as an error.
func (s *Spool) Put(data []byte) Ref {
	if len(data) > 1<<31-1 {
		s.fail(fmt.Errorf("spool: a record of %d bytes is too large", len(data)))
		return Ref{off: -1}
	}
	n := int64(len(data))
	off := s.end.Add(n) - n
	if _, err := s.f.WriteAt(data, off); err != nil {
		s.fail(fmt.Errorf("spool: %w", err))
		return Ref{off: -1}
	}
	return Ref{off: off, n: int32(n)}
}

// PutString is Put for text, without copying it into a []byte first.
func (s *Spool) PutString(text string) Ref {
	// WriteAt only reads its buffer, so text's own bytes may be passed.
	return s.Put(unsafe.Slice(unsafe.StringData(text), len(text)))
}

func (s *Spool) fail(err error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.err == nil {
		s.err = err
	}
}

// Err returns the first error of a Put, or nil.
func (s *Spool) Err() error {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.err
}

// Get returns the bytes Put stored at r.
func (s *Spool) Get(r Ref) ([]byte, error) {
	if r.off < 0 {
		return nil, fmt.Errorf("spool: the record was never written")
	}
	data := make([]byte, r.n)
	if _, err := s.f.ReadAt(data, r.off); err != nil {
		return nil, fmt.Errorf("spool: %w", err)
	}
	return data, nil
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

// Close closes the file and removes it; Get fails from then on.
func (s *Spool) Close() error {
	err := s.f.Close()
	if s.name != "" {
		if rerr := os.Remove(s.name); err == nil {
			err = rerr
		}
		s.name = ""
	}
	return err
}
