package output

import (
	"errors"
	"os"
	"syscall"
	"testing"
)

// TestWriteAllFullDisk writes to /dev/full, where every write fails with
// ENOSPC as on a full disk: writeAll must return that error. It panicked
// once, slicing the data by the -1 a failed write returns.
func TestWriteAllFullDisk(t *testing.T) {
	f, err := os.OpenFile("/dev/full", os.O_WRONLY, 0)
	if err != nil {
		t.Skipf("no /dev/full: %v", err)
	}
	defer f.Close()
	err = writeAll(int(f.Fd()), []byte("<!doctype html>"))
	if !errors.Is(err, syscall.ENOSPC) {
		t.Errorf("writeAll to /dev/full = %v, want ENOSPC", err)
	}
}
