package future

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"testing"

	"github.com/stretchr/testify/require"
)

// Go with a nil context panics in the caller of Go, where the mistake is,
// and where a recover (a server's per-request recover, a test) can catch
// it, as the standard library's constructors do ("cannot create context
// from nil parent"), not in the task's goroutine, which would crash the
// whole program. The check runs in a child process, so that a regression
// does not kill this test binary.
func TestGoNilContextPanicsInCaller(t *testing.T) {
	if os.Getenv("TULIP_TEST_GO_NIL_CONTEXT") == "1" {
		func() {
			defer func() {
				if r := recover(); r != nil {
					fmt.Println("panicked in the caller:", r)
					os.Exit(0)
				}
			}()
			var ctx context.Context // nil, by mistake
			f := Go(ctx, func(context.Context) (int, error) { return 1, nil })
			_, _ = f.Result(context.Background())
		}()
		fmt.Println("Go(nil, fn) returned without panicking in its caller")
		os.Exit(3)
	}
	cmd := exec.Command(os.Args[0], "-test.run=^TestGoNilContextPanicsInCaller$", "-test.count=1")
	cmd.Env = append(os.Environ(), "TULIP_TEST_GO_NIL_CONTEXT=1")
	out, err := cmd.CombinedOutput()
	require.NoError(t, err, "child process:\n%s", out)
}
