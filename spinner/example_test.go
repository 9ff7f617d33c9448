package spinner_test

import (
	"context"
	"fmt"
	"log"
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

// Log while spinning: the spinner is the log's writer, so every log line is
// printed above the spinner's line (on a terminal: the line is cleared, the
// log line written and the spinner redrawn below it). Here, off a terminal,
// the lines simply follow each other.
func ExampleSpinner_Write() {
	s := spinner.Start(context.Background(), "downloading flags", spinner.WithWriter(os.Stdout), spinner.WithTerminal(false))
	log.SetOutput(s)
	log.SetFlags(0)
	defer log.SetOutput(os.Stderr)
	defer log.SetFlags(log.LstdFlags)
	log.Print("BR saved")
	log.Print("CN saved")
	s.Success("2 flags downloaded")
	// Output:
	// downloading flags
	// BR saved
	// CN saved
	// 2 flags downloaded
}
