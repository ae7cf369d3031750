package output

import (
	"errors"
	"os"
	"syscall"
	"time"
)

// writeFile creates the file name, which must not exist (a file of the
// stage is never written into: it may be the published site's, linked),
// writes data into it and returns its modification time (zero when it
// cannot be learned). It makes the system calls the writing needs and no
// more: open, write, fstat, close. os.OpenFile would offer each new file to the runtime's poller,
// which refuses regular files (four fcntl calls and a failed epoll_ctl per
// file, more than the writing itself), and os.NewFile asks with fcntl
// whether the descriptor blocks; a build writes every page.
func writeFile(name string, data []byte) (time.Time, error) {
	fd, err := ignoringEINTR(func() (int, error) {
		return syscall.Open(name, syscall.O_WRONLY|syscall.O_CREAT|syscall.O_EXCL|syscall.O_CLOEXEC, 0o644)
	})
	if err != nil {
		return time.Time{}, &os.PathError{Op: "open", Path: name, Err: err}
	}
	err = writeAll(fd, data)
	var st syscall.Stat_t
	var mtime time.Time
	if err == nil && syscall.Fstat(fd, &st) == nil {
		mtime = time.Unix(st.Mtim.Unix())
	}
	if cerr := syscall.Close(fd); err == nil {
		err = cerr
	}
	if err != nil {
		return time.Time{}, &os.PathError{Op: "write", Path: name, Err: err}
	}
	return mtime, nil
}

// writeAll writes data to the descriptor fd, in as many calls as the
// system needs. A failed call returns n = -1, so the count is used only
// when there is no error: a full disk is an error to report, not a panic.
func writeAll(fd int, data []byte) error {
	for len(data) > 0 {
		n, err := ignoringEINTR(func() (int, error) { return syscall.Write(fd, data) })
		if err != nil {
			return err
		}
		data = data[n:]
	}
	return nil
}

// ignoringEINTR repeats a system call a signal interrupted, as package os
// does.
func ignoringEINTR(call func() (int, error)) (int, error) {
	for {
		n, err := call()
		if !errors.Is(err, syscall.EINTR) {
			return n, err
		}
	}
}
