package main

import (
	"os"
	"testing"

	"go.uber.org/goleak"
)

// envRunMain makes the test binary run main instead of the tests, so tests
// can start the real command as a process and signal it.
const envRunMain = "TULIP_CHARFINDER_RUN_MAIN"

func TestMain(m *testing.M) {
	if os.Getenv(envRunMain) == "1" {
		main()
		return
	}
	goleak.VerifyTestMain(m)
}
