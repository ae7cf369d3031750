//go:build unix && !linux

package output

import (
	"errors"
	"os"
	"syscall"
)

// createFile creates, or truncates, the file name for writing. os.OpenFile
// would offer each new file to the runtime's poller, which refuses regular
// files: four fcntl calls and a failed epoll_ctl per file, more system
// calls than the writing itself (a build writes every page). A descriptor
// from syscall.Open that os.NewFile wraps is not offered (one fcntl, to
// learn it is blocking).
func createFile(name string) (*os.File, error) {
	for {
		fd, err := syscall.Open(name, syscall.O_WRONLY|syscall.O_CREAT|syscall.O_TRUNC|syscall.O_CLOEXEC, 0o644)
		if errors.Is(err, syscall.EINTR) {
			continue // as os.OpenFile does
		}
		if err != nil {
			return nil, &os.PathError{Op: "open", Path: name, Err: err}
		}
		return os.NewFile(uintptr(fd), name), nil
	}
}
