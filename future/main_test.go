package future

import (
	"os"
	"testing"

	"go.uber.org/goleak"
)

// TestMain fails the package's tests if any goroutine is left running.
func TestMain(m *testing.M) {
	goleak.VerifyTestMain(m)
}

// stress reports whether the long stress runs are asked for (TULIP_STRESS=1,
// as .ci/run sets it); without it, stress tests run a bounded, quick share.
func stress() bool { return os.Getenv("TULIP_STRESS") != "" }
