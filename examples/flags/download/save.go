package download

import (
	"context"
	"errors"
	"io"
	"io/fs"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/tulipgo/tulip/future"
)

// saveWorkers is how many files a Saver writes at once.
const saveWorkers = 8

// Saver writes files into one directory, atomically and off the download
// path: each file is written to a temporary file in the same directory, then
// renamed into place, on a small executor of its own (the book's
// asyncio.to_thread(save_flag, ...)). A reader never sees a partial file, and
// a failed or interrupted save leaves nothing behind.
type Saver struct {
	dir        string
	ex         *future.Executor
	createTemp func(dir, pattern string) (tempFile, error)
}

// tempFile is what Saver needs of an *os.File (tests fake failing disks).
type tempFile interface {
	io.Writer
	Close() error
	Name() string
}

// NewSaver returns a saver into dir, which it creates if needed. Close it
// when done.
func NewSaver(dir string) (*Saver, error) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, err
	}
	return &Saver{dir: dir, ex: future.NewExecutor(saveWorkers), createTemp: createTemp}, nil
}

// createTemp is os.CreateTemp but with mode 0666 less the umask, the mode
// the saved file should end up with (os.CreateTemp makes files 0600, which
// would leave every flag readable by its owner only): the temp file is
// renamed into place, mode and all. Like os.CreateTemp it replaces the last
// "*" in pattern by a random string and retries on a name already taken.
func createTemp(dir, pattern string) (tempFile, error) {
	prefix, suffix := pattern, ""
	if i := strings.LastIndexByte(pattern, '*'); i >= 0 {
		prefix, suffix = pattern[:i], pattern[i+1:]
	}
	for range 10000 {
		name := filepath.Join(dir, prefix+strconv.FormatUint(uint64(rand.Uint32()), 10)+suffix)
		f, err := os.OpenFile(name, os.O_RDWR|os.O_CREATE|os.O_EXCL, 0o666)
		if !errors.Is(err, fs.ErrExist) {
			return f, err
		}
	}
	return nil, &fs.PathError{Op: "createtemp", Path: filepath.Join(dir, pattern), Err: fs.ErrExist}
}

// Dir is the directory the saver writes into.
func (s *Saver) Dir() string { return s.dir }

// Save writes data as the file name in the saver's directory and returns
// when it is in place. If ctx has ended before the write starts, Save writes
// nothing and returns ctx's error; a write once started is finished (it is
// short), so that the file on disk and the status reported agree.
func (s *Saver) Save(ctx context.Context, name string, data []byte) error {
	if name == "" || strings.ContainsAny(name, `/\`) || name[0] == '.' {
		return errors.New("download: bad file name " + name)
	}
	// If ctx ends while the save is queued, it never runs; once running, it
	// is not interrupted.
	f := future.Submit(ctx, s.ex, func(context.Context) (struct{}, error) {
		return struct{}{}, s.write(name, data)
	})
	_, err := f.Result(context.WithoutCancel(ctx))
	return err
}

// write is the atomic write: temp file, write, close, rename; on any
// failure the temp file is removed.
func (s *Saver) write(name string, data []byte) (err error) {
	f, err := s.createTemp(s.dir, "."+name+".*.tmp")
	if err != nil {
		return err
	}
	closed := false
	defer func() {
		if err != nil {
			if !closed {
				_ = f.Close()
			}
			_ = os.Remove(f.Name())
		}
	}()
	if _, err = f.Write(data); err != nil {
		return err
	}
	closed = true
	if err = f.Close(); err != nil {
		return err
	}
	return os.Rename(f.Name(), filepath.Join(s.dir, name))
}

// Close waits for the saves in progress and stops the saver's workers.
func (s *Saver) Close() error { return s.ex.Close() }
