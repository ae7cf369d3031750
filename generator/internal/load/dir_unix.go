//go:build unix

package load

import (
	"errors"
	"io/fs"
	"slices"
	"syscall"
)

// ReadFile reads the file name below the folder, as os.DirFS does, in
// three system calls besides close: open, fstat and one read. The
// descriptor is never offered to the poller, and a read that returns
// fewer bytes than asked, and as many as fstat said the file holds, is
// taken as its end, as it is for a regular file.
func (d dirFS) ReadFile(name string) ([]byte, error) {
	return d.appendFile(nil, name)
}

// appendFile is ReadFile, appending the file's bytes to dst: a file read
// into memory the process has already touched, as ReadContent reads page
// after page for kb build, costs a fraction of one read into a new slice.
func (d dirFS) appendFile(dst []byte, name string) ([]byte, error) {
	if !fs.ValidPath(name) || d.root == "" { // os.DirFS("") opens nothing
		return dst, &fs.PathError{Op: "readfile", Path: name, Err: fs.ErrInvalid}
	}
	path := d.root + "/" + name
	fd, err := ignoringEINTR(func() (int, error) { return syscall.Open(path, syscall.O_RDONLY|syscall.O_CLOEXEC, 0) })
	if err != nil {
		return dst, &fs.PathError{Op: "open", Path: path, Err: err}
	}
	defer syscall.Close(fd)
	var st syscall.Stat_t
	if err := syscall.Fstat(fd, &st); err != nil {
		return dst, &fs.PathError{Op: "stat", Path: path, Err: err}
	}
	size := int(st.Size)
	// A byte more than the file holds: a read that fills it finds the
	// file has grown.
	if dst == nil {
		dst = make([]byte, 0, size+1)
	} else {
		dst = slices.Grow(dst, size+1)
	}
	start := len(dst)
	for {
		if len(dst) == cap(dst) {
			dst = append(dst, 0)[:len(dst)]
		}
		n, err := ignoringEINTR(func() (int, error) { return syscall.Read(fd, dst[len(dst):cap(dst)]) })
		if err != nil {
			return dst[:start], &fs.PathError{Op: "read", Path: path, Err: err}
		}
		dst = dst[:len(dst)+n]
		if n == 0 || (len(dst)-start == size && st.Mode&syscall.S_IFMT == syscall.S_IFREG) {
			return dst, nil
		}
	}
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
