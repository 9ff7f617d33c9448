package screen

import (
	"bytes"
	"os"
	"os/exec"
	"strings"
	"testing"

	"github.com/creack/pty"
)

// childEnv carries the program's arguments to a test binary started by Run
// (joined by U+001F); its presence makes the binary run as the program.
const childEnv = "TULIP_SCREEN_CHILD_ARGS"

// ChildArgs reports whether this test binary was started by Run to be the
// program, and with which arguments. TestMain calls it first:
//
//	if args, ok := screen.ChildArgs(); ok {
//		os.Args = append(os.Args[:1], args...)
//		main()
//	}
func ChildArgs() ([]string, bool) {
	v, ok := os.LookupEnv(childEnv)
	if !ok {
		return nil, false
	}
	if v == "" {
		return nil, true
	}
	return strings.Split(v, "\x1f"), true
}

// Run runs the test binary as the program with args on a new
// pseudo-terminal cols columns wide, standard input, output and error all
// on it, as a person at a terminal runs it. If interruptAt is not empty,
// the program gets Ctrl-C's SIGINT once the output holds it. (Sent to the
// process rather than typed as ^C: typed, the terminal also discards the
// output it has not yet shown, which would race with what is checked here.) Run returns what the terminal
// received, what it shows, and the exit status.
func Run(t testing.TB, cols int, interruptAt string, args ...string) (string, Screen, int) {
	t.Helper()
	cmd := exec.Command(os.Args[0])
	cmd.Env = append(os.Environ(), childEnv+"="+strings.Join(args, "\x1f"))
	f, err := pty.StartWithSize(cmd, &pty.Winsize{Rows: 24, Cols: uint16(cols)})
	if err != nil {
		t.Fatalf("starting on a pty: %v", err)
	}
	defer f.Close()
	var out bytes.Buffer
	buf := make([]byte, 4096)
	for {
		n, err := f.Read(buf)
		out.Write(buf[:n])
		if interruptAt != "" && bytes.Contains(out.Bytes(), []byte(interruptAt)) {
			interruptAt = ""
			if err := cmd.Process.Signal(os.Interrupt); err != nil {
				t.Errorf("interrupting: %v", err)
			}
		}
		if err != nil { // EIO once the program has exited and closed the terminal
			break
		}
	}
	_ = cmd.Wait()
	return out.String(), Render(out.String(), cols), cmd.ProcessState.ExitCode()
}
