package download

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/require"
)

func newSaver(t *testing.T) *Saver {
	t.Helper()
	s, err := NewSaver(filepath.Join(t.TempDir(), "downloaded"))
	require.NoError(t, err)
	t.Cleanup(func() { require.NoError(t, s.Close()) })
	return s
}

func dirNames(t *testing.T, dir string) []string {
	t.Helper()
	entries, err := os.ReadDir(dir)
	require.NoError(t, err)
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
	}
	return names
}

func TestSave(t *testing.T) {
	s := newSaver(t)
	require.NoError(t, s.Save(context.Background(), "BR.gif", []byte("GIF89a...")))
	require.NoError(t, s.Save(context.Background(), "BR.gif", []byte("GIF89a again"))) // replaces
	got, err := os.ReadFile(filepath.Join(s.Dir(), "BR.gif"))
	require.NoError(t, err)
	require.Equal(t, "GIF89a again", string(got))
	require.Equal(t, []string{"BR.gif"}, dirNames(t, s.Dir()))
	for _, bad := range []string{"", "../x.gif", `a\b.gif`, ".hidden.gif"} {
		require.Error(t, s.Save(context.Background(), bad, nil), bad)
	}
}

// failingFile writes part of what it is given to a real temp file, then
// fails: a disk that fills up mid-write.
type failingFile struct {
	*os.File
	failClose bool
}

var errDiskFull = errors.New("no space left on device")

func (f failingFile) Write(p []byte) (int, error) {
	if f.failClose {
		return f.File.Write(p)
	}
	n, _ := f.File.Write(p[:len(p)/2])
	return n, errDiskFull
}

func (f failingFile) Close() error {
	err := f.File.Close()
	if f.failClose {
		return errDiskFull
	}
	return err
}

func TestSaveFailureLeavesNothing(t *testing.T) {
	for _, failClose := range []bool{false, true} {
		s := newSaver(t)
		s.createTemp = func(dir, pattern string) (tempFile, error) {
			f, err := os.CreateTemp(dir, pattern)
			return failingFile{File: f, failClose: failClose}, err
		}
		err := s.Save(context.Background(), "BR.gif", []byte("GIF89a, a whole flag"))
		require.ErrorIs(t, err, errDiskFull)
		require.Empty(t, dirNames(t, s.Dir()), "no partial or temp file")
	}
	s := newSaver(t)
	s.createTemp = func(string, string) (tempFile, error) { return nil, errDiskFull }
	require.ErrorIs(t, s.Save(context.Background(), "BR.gif", nil), errDiskFull)
	require.Empty(t, dirNames(t, s.Dir()))
}

func TestSaveAfterCancel(t *testing.T) {
	s := newSaver(t)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	require.ErrorIs(t, s.Save(ctx, "BR.gif", []byte("GIF89a")), context.Canceled)
	require.Empty(t, dirNames(t, s.Dir()))
}

func TestSaverBadDir(t *testing.T) {
	file := filepath.Join(t.TempDir(), "file")
	require.NoError(t, os.WriteFile(file, nil, 0o644))
	_, err := NewSaver(filepath.Join(file, "downloaded"))
	require.Error(t, err)
}

// TestDiskFullRun: a run whose every save fails counts every flag as an
// error and leaves nothing behind.
func TestDiskFullRun(t *testing.T) {
	s := newSaver(t)
	s.createTemp = func(dir, pattern string) (tempFile, error) {
		f, err := os.CreateTemp(dir, pattern)
		return failingFile{File: f}, err
	}
	srv, client := pipeSite(t)
	d := &Downloader{Client: client, BaseURL: srv.URL, Saver: s}
	var lines []string
	c, err := Run(context.Background(), Tasks, []string{"BR", "ZZ", "JP"}, 2, d.Flag, func(r Result) { lines = append(lines, r.Line()) })
	require.NoError(t, err)
	require.Equal(t, Counts{NotFound: 1, Error: 2}, c)
	require.ElementsMatch(t, []string{"BR error: no space left on device", "JP error: no space left on device",
		"ZZ not found: http://flags.pipe/flags/zz/zz.gif"}, lines)
	require.Empty(t, dirNames(t, s.Dir()))
}

// TestSaveMode: a saved flag gets the mode any new file gets (0666 less the
// umask, 0644 under the usual 022), not os.CreateTemp's owner-only 0600.
func TestSaveMode(t *testing.T) {
	s := newSaver(t)
	require.NoError(t, s.Save(context.Background(), "BR.gif", []byte("GIF89a")))
	ref := filepath.Join(t.TempDir(), "ref")
	require.NoError(t, os.WriteFile(ref, nil, 0o666)) // what the umask makes of 0666
	want, err := os.Stat(ref)
	require.NoError(t, err)
	got, err := os.Stat(filepath.Join(s.Dir(), "BR.gif"))
	require.NoError(t, err)
	require.Equal(t, want.Mode().Perm(), got.Mode().Perm())
}
