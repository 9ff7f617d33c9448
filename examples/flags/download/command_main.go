package download

import (
	"context"
	"os"
	"os/signal"
	"syscall"

	"golang.org/x/term"
)

// Exec is a downloader program's whole main: it runs cmd with Main on the
// process's arguments and standard streams, with a context that Ctrl-C
// (SIGINT) and SIGTERM cancel and the progress bar on when standard error is
// a terminal, and exits with Main's status.
func (cmd Command) Exec() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	code := Main(ctx, cmd, os.Args[1:], Env{
		Stdout:   os.Stdout,
		Stderr:   os.Stderr,
		Terminal: term.IsTerminal(int(os.Stderr.Fd())),
	})
	stop()
	os.Exit(code)
}
