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
// leaves nothing behind. Each Put compresses its bytes with Snappy (about
// half the size, at about 2 ms of CPU per megabyte both ways) and appends
// them; Get reads them back. Both are safe for concurrent use: a Put
// reserves its place with one atomic addition and writes there, a Get
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

	"github.com/golang/snappy"
)

// Spool is one scratch file of compressed records.
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
	n   int32 // compressed length
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
	buf := packBuffers.Get().(*[]byte)
	defer packBuffers.Put(buf)
	if n := snappy.MaxEncodedLen(len(data)); cap(*buf) < n {
		*buf = make([]byte, n)
	}
	packed := snappy.Encode((*buf)[:cap(*buf)], data)
	if len(packed) > 1<<31-1 {
		s.fail(fmt.Errorf("spool: a record of %d bytes is too large", len(data)))
		return Ref{off: -1}
	}
	n := int64(len(packed))
	off := s.end.Add(n) - n
	if _, err := s.f.WriteAt(packed, off); err != nil {
		s.fail(fmt.Errorf("spool: %w", err))
		return Ref{off: -1}
	}
	return Ref{off: off, n: int32(n)}
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

// packBuffers hold Put's compressed bytes until they are written.
var packBuffers = sync.Pool{New: func() any { return new([]byte) }}

// Get returns the bytes Put stored at r.
func (s *Spool) Get(r Ref) ([]byte, error) {
	if r.off < 0 {
		return nil, fmt.Errorf("spool: the record was never written")
	}
	packed := make([]byte, r.n)
	if _, err := s.f.ReadAt(packed, r.off); err != nil {
		return nil, fmt.Errorf("spool: %w", err)
	}
	data, err := snappy.Decode(nil, packed)
	if err != nil {
		return nil, fmt.Errorf("spool: a record cannot be read back: %w", err)
	}
	return data, nil
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
