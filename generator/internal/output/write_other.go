//go:build !linux

package output

import "time"

// writeFile creates, or truncates, the file name, writes data into it and
// returns its modification time (zero when it cannot be learned).
func writeFile(name string, data []byte) (time.Time, error) {
	f, err := createFile(name)
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
