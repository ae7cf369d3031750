//go:build unix

package load

import (
	"errors"
	"io/fs"
	"syscall"
)

// ReadFile reads the file name below the folder, as os.DirFS does, in
// three system calls besides close: open, fstat and one read. The
// descriptor is never offered to the poller, and a read that returns
// fewer bytes than asked, and as many as fstat said the file holds, is
// taken as its end, as it is for a regular file.
func (d dirFS) ReadFile(name string) ([]byte, error) {
	if !fs.ValidPath(name) || d.root == "" { // os.DirFS("") opens nothing
		return nil, &fs.PathError{Op: "readfile", Path: name, Err: fs.ErrInvalid}
	}
	path := d.root + "/" + name
	fd, err := ignoringEINTR(func() (int, error) { return syscall.Open(path, syscall.O_RDONLY|syscall.O_CLOEXEC, 0) })
	if err != nil {
		return nil, &fs.PathError{Op: "open", Path: path, Err: err}
	}
	defer syscall.Close(fd)
	var st syscall.Stat_t
	if err := syscall.Fstat(fd, &st); err != nil {
		return nil, &fs.PathError{Op: "stat", Path: path, Err: err}
	}
	size := int(st.Size)
	data := make([]byte, 0, size+1) // a byte more than the file holds: a read that fills it finds the file has grown
	for {
		if len(data) == cap(data) {
			data = append(data, 0)[:len(data)]
		}
		n, err := ignoringEINTR(func() (int, error) { return syscall.Read(fd, data[len(data):cap(data)]) })
		if err != nil {
			return nil, &fs.PathError{Op: "read", Path: path, Err: err}
		}
		data = data[:len(data)+n]
		if n == 0 || (len(data) == size && st.Mode&syscall.S_IFMT == syscall.S_IFREG) {
			return data, nil
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
