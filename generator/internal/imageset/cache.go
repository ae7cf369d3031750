package imageset

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"os"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"strconv"
	"sync"
	"sync/atomic"
)

// formatVersion changes when this package encodes differently (another
// quality, another kernel); the cache's entries of the old version are then
// made again.
const formatVersion = 1

// Cache keeps copies between builds in a folder. The zero value of Dir
// keeps nothing, and a nil *Cache is allowed. It is safe for concurrent use;
// two builds sharing a folder at once only do some work twice.
//
// An entry is a file named by the original's SHA-256, the width and the
// format ("<sha256>-480w.jpg"): a header line naming the encoder, a line
// with the SHA-256 of the copy, then the copy. Entries are written to a
// temporary file and renamed, so a reader sees a whole entry or none.
type Cache struct {
	Dir string

	encoded atomic.Int64 // copies encoded: what a warm cache saves
}

const cacheMagic = "kb-bild"

// encoder names what made an entry; an entry made by anything else is not
// used.
var encoder = sync.OnceValue(func() string {
	xImage := "?"
	if bi, ok := debug.ReadBuildInfo(); ok {
		for _, m := range bi.Deps {
			if m.Path == "golang.org/x/image" {
				xImage = m.Version
			}
		}
	}
	return cacheMagic + " " + strconv.Itoa(formatVersion) + " " + runtime.Version() + " x/image@" + xImage
})

// get returns the copy stored under key, or nil.
func (c *Cache) get(key string) []byte {
	if c == nil || c.Dir == "" {
		return nil
	}
	data, err := os.ReadFile(filepath.Join(c.Dir, key))
	if err != nil {
		return nil
	}
	head, rest, ok := bytes.Cut(data, []byte("\n"))
	if !ok || string(head) != encoder() {
		return nil
	}
	sum, body, ok := bytes.Cut(rest, []byte("\n"))
	want := sha256.Sum256(body)
	if !ok || string(sum) != hex.EncodeToString(want[:]) {
		return nil
	}
	return body
}

// put stores a copy just encoded under key. A cache that cannot be written
// only costs time, so failures are ignored.
func (c *Cache) put(key string, data []byte) {
	if c == nil {
		return
	}
	c.encoded.Add(1)
	if c.Dir == "" {
		return
	}
	if os.MkdirAll(c.Dir, 0o755) != nil {
		return
	}
	f, err := os.CreateTemp(c.Dir, ".tmp-*")
	if err != nil {
		return
	}
	sum := sha256.Sum256(data)
	err = f.Chmod(0o644) // CreateTemp makes it private; the folder says who may read
	if err == nil {
		_, err = f.WriteString(encoder() + "\n" + hex.EncodeToString(sum[:]) + "\n")
	}
	if err == nil {
		_, err = f.Write(data)
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil || os.Rename(f.Name(), filepath.Join(c.Dir, key)) != nil {
		os.Remove(f.Name())
	}
}

// Encoded returns how many copies were encoded through c, rather than
// found in it.
func (c *Cache) Encoded() int {
	if c == nil {
		return 0
	}
	return int(c.encoded.Load())
}
