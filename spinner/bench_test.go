package spinner

import (
	"context"
	"io"
	"strings"
	"testing"
)

// BenchmarkFrame is the cost of drawing one frame of a long, coloured,
// emoji-laden message cut to 80 columns.
func BenchmarkFrame(b *testing.B) {
	s := New("\x1b[1;32mdeploying\x1b[0m "+strings.Repeat("🚀 ✅ 国 e\u0301 ", 20), WithWriter(io.Discard), WithTerminal(true), WithWidth(80))
	b.ReportAllocs()
	for b.Loop() {
		_ = s.frameLine()
	}
}

// BenchmarkWrite is the cost of one log line printed above a running
// spinner.
func BenchmarkWrite(b *testing.B) {
	s := Start(context.Background(), "working", WithWriter(io.Discard), WithTerminal(true), WithWidth(80))
	defer s.Stop()
	line := []byte("2026/12/01 16:00:00 progress 42 of 100\n")
	b.ReportAllocs()
	for b.Loop() {
		_, _ = s.Write(line)
	}
}
