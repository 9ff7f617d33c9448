package spinner_test

import (
	"context"
	"fmt"
	"os"
	"time"

	"github.com/tulipgo/tulip/spinner"
)

// The book's supervisor: spin while a slow function works. Off a terminal (as
// here, where the output is checked) the spinner writes its message once and
// no animation.
func ExampleRun() {
	slow := func(ctx context.Context) (int, error) {
		time.Sleep(30 * time.Millisecond)
		return 42, nil
	}
	answer, err := spinner.Run(context.Background(), "thinking!", slow, spinner.WithWriter(os.Stdout), spinner.WithTerminal(false))
	fmt.Println("Answer:", answer, err)
	// Output:
	// thinking!
	// Answer: 42 <nil>
}

// Start, update the message, and leave a final line.
func ExampleStart() {
	s := spinner.Start(context.Background(), "downloading flags", spinner.WithWriter(os.Stdout), spinner.WithTerminal(false))
	s.Update("saving flags")
	s.Success("20 flags downloaded")
	// Output:
	// downloading flags
	// saving flags
	// 20 flags downloaded
}
