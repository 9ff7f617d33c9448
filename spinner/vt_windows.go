//go:build windows

package spinner

import "golang.org/x/sys/windows"

// enableVT turns on virtual terminal processing on the console on fd, so
// that it interprets "\r", "\x1b[K" and SGR instead of printing them, and
// reports whether it is on. Consoles before Windows 10 refuse; the spinner
// then draws in plain mode.
func enableVT(fd uintptr) bool {
	h := windows.Handle(fd)
	var mode uint32
	if err := windows.GetConsoleMode(h, &mode); err != nil {
		return false
	}
	if mode&windows.ENABLE_VIRTUAL_TERMINAL_PROCESSING != 0 {
		return true
	}
	return windows.SetConsoleMode(h, mode|windows.ENABLE_VIRTUAL_TERMINAL_PROCESSING) == nil
}
