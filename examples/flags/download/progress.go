package download

import (
	"context"
	"io"

	"github.com/vbauerster/mpb/v8"
	"github.com/vbauerster/mpb/v8/decor"
)

// progress is the book's tqdm bar over the as-completed loop: one step per
// flag, whatever its status, drawn on a terminal by mpb's own goroutine
// (which keeps the elapsed time moving between completions).
type progress struct {
	p   *mpb.Progress
	bar *mpb.Bar
}

// newProgress draws a bar of total steps on w, which must be a terminal
// (forceTTY: treat it as one, for tests).
func newProgress(ctx context.Context, w io.Writer, total int, forceTTY bool) *progress {
	opts := []mpb.ContainerOption{mpb.WithOutput(w), mpb.WithWidth(40)}
	if forceTTY {
		opts = append(opts, mpb.ForceTTY(), mpb.WithAutoRefresh())
	}
	p := mpb.NewWithContext(ctx, opts...)
	bar := p.AddBar(int64(total),
		mpb.PrependDecorators(decor.Percentage(decor.WCSyncSpace)),
		mpb.AppendDecorators(
			decor.CountersNoUnit("%d/%d", decor.WCSyncSpace),
			decor.Elapsed(decor.ET_STYLE_MMSS, decor.WCSyncSpace),
			decor.AverageSpeed(nil, "%.1f flags/s", decor.WCSyncSpace),
		),
	)
	return &progress{p: p, bar: bar}
}

// step advances the bar by one flag.
func (pr *progress) step() { pr.bar.Increment() }

// stop finishes the bar (leaving it where it is if not every flag was
// counted, as after an interrupt) and waits until mpb has drawn it and
// stopped.
func (pr *progress) stop() {
	if !pr.bar.Completed() {
		pr.bar.Abort(false)
	}
	pr.p.Wait()
}
