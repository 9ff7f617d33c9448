//go:build !windows

package spinner

// enableVT reports whether the terminal on fd interprets escape sequences:
// outside Windows, every terminal does.
func enableVT(uintptr) bool { return true }
