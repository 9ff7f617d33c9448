package benchmarks

import (
	"testing"

	"go.uber.org/goleak"
)

// TestMain fails the package's tests if any goroutine is left running:
// every contender must be shut down properly after each workload.
//
// The exceptions are ants' own: importing it starts a default pool in a
// package variable, whose purge and clock goroutines run for the life of the
// program (the leak reports in ants #212, #244, #287, #323 are of this kind).
func TestMain(m *testing.M) {
	goleak.VerifyTestMain(m,
		goleak.IgnoreTopFunction("github.com/panjf2000/ants/v2.(*poolCommon).purgeStaleWorkers"),
		goleak.IgnoreTopFunction("github.com/panjf2000/ants/v2.(*poolCommon).ticktock"),
	)
}
