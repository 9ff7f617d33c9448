package main

import (
	"os"
	"testing"

	"go.uber.org/goleak"
)

// TestMain runs the tests, checking for leaked goroutines, or, when the
// tests run this binary as the command (asCommand), the command itself.
func TestMain(m *testing.M) {
	if os.Getenv(asCommand) == "1" {
		main()
		return
	}
	goleak.VerifyTestMain(m)
}
