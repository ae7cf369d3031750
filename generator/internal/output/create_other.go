//go:build !unix

package output

import "os"

// createFile creates, or truncates, the file name for writing.
func createFile(name string) (*os.File, error) {
	return os.OpenFile(name, os.O_WRONLY|os.O_CREATE|os.O_TRUNC, 0o644)
}
