//go:build !linux

package output

import (
	"os"
	"time"
)

// writeFile creates the file name, which must not exist (a file of the
// stage is never written into: it may be the published site's, linked),
// writes data into it and returns its modification time (zero when it
// cannot be learned). Linux, where kb is built and published, has its own
// in write_linux.go; this one is plain os.OpenFile.
func writeFile(name string, data []byte) (time.Time, error) {
	f, err := os.OpenFile(name, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if err != nil {
		return time.Time{}, err
	}
	_, err = f.Write(data)
	var mtime time.Time
	if fi, serr := f.Stat(); err == nil && serr == nil {
		mtime = fi.ModTime()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	return mtime, err
}
