package linkcheck

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"time"
)

const cacheVersion = 1

// cacheFile is the cache on disk; the package doc describes it.
type cacheFile struct {
	Version int                   `json:"version"`
	Entries map[string]cacheEntry `json:"entries"`

	raw []byte // the bytes read, so an unchanged cache is not rewritten
}

type cacheEntry struct {
	Status  int    `json:"status"`
	Checked string `json:"checked"` // RFC 3339, UTC, whole seconds
	Final   string `json:"final,omitempty"`
}

func (e cacheEntry) fresh(now time.Time, maxAge time.Duration) bool {
	t, err := time.Parse(time.RFC3339, e.Checked)
	if err != nil {
		return false
	}
	age := now.Sub(t)
	return age >= 0 && age <= maxAge
}

// readCache returns the cache at path, or an empty one when the file is
// missing, unreadable, corrupt or of another version: a cache only saves
// time, so it is never worth failing for. Entries that are not successes
// are dropped, in case someone edited the file.
func readCache(path string) cacheFile {
	data, err := os.ReadFile(path)
	if err != nil {
		return cacheFile{}
	}
	var c cacheFile
	if json.Unmarshal(data, &c) != nil || c.Version != cacheVersion {
		return cacheFile{raw: data}
	}
	for k, e := range c.Entries {
		if e.Status < 100 || !(outcome{status: e.Status, done: true}).success() {
			delete(c.Entries, k)
		}
	}
	c.raw = data
	return c
}

// next is the cache to write after a run: the entries of this run's
// addresses, with new successes added or refreshed and new failures
// removed. Addresses the run did not finish (ctx was cancelled) keep their
// old entry.
func (c cacheFile) next(keys []string, outcomes []outcome, now time.Time) cacheFile {
	n := cacheFile{Version: cacheVersion, Entries: map[string]cacheEntry{}, raw: c.raw}
	checked := now.UTC().Truncate(time.Second).Format(time.RFC3339)
	for i, k := range keys {
		out := outcomes[i]
		switch {
		case out.cached || !out.done:
			if e, ok := c.Entries[k]; ok {
				n.Entries[k] = e
			}
		case out.success():
			n.Entries[k] = cacheEntry{Status: out.status, Checked: checked, Final: out.moved}
		}
	}
	return n
}

// writeCache replaces the file at path with c, atomically, unless it
// already holds exactly these bytes.
func writeCache(path string, c cacheFile) error {
	data, err := json.MarshalIndent(c, "", "  ") // map keys come out sorted
	if err != nil {
		return err
	}
	data = append(data, '\n')
	if bytes.Equal(data, c.raw) {
		return nil
	}
	dir := filepath.Dir(path)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	f, err := os.CreateTemp(dir, filepath.Base(path)+".*.tmp")
	if err != nil {
		return err
	}
	tmp := f.Name()
	_, err = f.Write(data)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Chmod(tmp, 0o644)
	}
	if err == nil {
		err = os.Rename(tmp, path)
	}
	if err != nil {
		os.Remove(tmp)
	}
	return err
}
