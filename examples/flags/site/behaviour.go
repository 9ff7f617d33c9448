package site

import (
	"fmt"
	"strings"
	"time"
)

// Behaviour says how a site answers: how long each request waits and how
// often it fails. The zero value is the book's LOCAL site: no delay, no error.
type Behaviour struct {
	// MinDelay and MaxDelay bound the delay of every request, drawn
	// uniformly from [MinDelay, MaxDelay]: equal for a fixed delay, both zero
	// for none.
	MinDelay, MaxDelay time.Duration
	// ErrorRate is the share of requests answered 418 I'm a Teapot after
	// their delay, from 0 (none) to 1 (all).
	ErrorRate float64
}

// Local is the book's LOCAL server: every file at once.
func Local() Behaviour { return Behaviour{} }

// Delay is the DELAY server: every request waits a fixed 0.5 s (the 1st
// edition's fault-injecting proxy).
func Delay() Behaviour {
	return Behaviour{MinDelay: 500 * time.Millisecond, MaxDelay: 500 * time.Millisecond}
}

// Error is the book's ERROR server (slow_server.py --error-rate .25): every
// request waits 0.5 to 5 s, then a quarter of them get 418 I'm a Teapot.
func Error() Behaviour {
	return Behaviour{MinDelay: 500 * time.Millisecond, MaxDelay: 5 * time.Second, ErrorRate: 0.25}
}

// ByLabel returns the behaviour of the book's server label LOCAL, DELAY or
// ERROR, in any case; ok is false for any other label.
func ByLabel(label string) (b Behaviour, ok bool) {
	switch strings.ToUpper(label) {
	case "LOCAL":
		return Local(), true
	case "DELAY":
		return Delay(), true
	case "ERROR":
		return Error(), true
	}
	return Behaviour{}, false
}

// Validate reports a behaviour that cannot be served: a negative delay, a
// range upside down, or an error rate outside [0, 1].
func (b Behaviour) Validate() error {
	switch {
	case b.MinDelay < 0 || b.MaxDelay < 0:
		return fmt.Errorf("site: negative delay %v..%v", b.MinDelay, b.MaxDelay)
	case b.MinDelay > b.MaxDelay:
		return fmt.Errorf("site: minimum delay %v above maximum %v", b.MinDelay, b.MaxDelay)
	case !(b.ErrorRate >= 0 && b.ErrorRate <= 1):
		return fmt.Errorf("site: error rate %v outside [0, 1]", b.ErrorRate)
	}
	return nil
}

// String describes the behaviour: "no delay", "delay 0.5s",
// "delay 0.5s..5s, 25% errors".
func (b Behaviour) String() string {
	var s string
	switch {
	case b.MaxDelay == 0:
		s = "no delay"
	case b.MinDelay == b.MaxDelay:
		s = fmt.Sprintf("delay %v", b.MinDelay)
	default:
		s = fmt.Sprintf("delay %v..%v", b.MinDelay, b.MaxDelay)
	}
	if b.ErrorRate > 0 {
		s += fmt.Sprintf(", %g%% errors", b.ErrorRate*100)
	}
	return s
}
